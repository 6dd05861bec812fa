/**
 * A recording played back in a read-only xterm: play, pause, speed, a timeline to seek on, and the
 * markers (each command line, each capability-trace event) to jump to. The recording was sanitised
 * when it was read (trainer/asciicast.ts); the terminal also mutes every query it could answer, and
 * takes no input at all.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { duration, markers, outputUntil, type Cast } from '../../trainer/asciicast';
import { muteTerminalQueries } from '../../terminal/query-guard';
import { playerStore, showRecording } from './player-store';

const SPEEDS = [0.5, 1, 2, 4];

function clock(s: number): string {
  const t = Math.max(0, Math.floor(s));
  return `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
}

export function Player() {
  const state = useSyncExternalStore(playerStore.subscribe, playerStore.getState);
  const fileInput = useRef<HTMLInputElement>(null);
  const open = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > 8 * 1024 * 1024) return showRecording('', f.name);
    showRecording(await f.text(), f.name);
  };
  return (
    <section className="practice-section" aria-labelledby="practice-player-h">
      <h3 id="practice-player-h">Recordings</h3>
      <p className="lesson-muted">
        <code>record start</code> … <code>record stop</code> in the terminal saves an asciicast v2 file (asciinema plays it too);{' '}
        <code>record play FILE</code> opens it here.
      </p>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Open a recording…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".cast,application/x-asciicast,application/json"
        hidden
        aria-label="Recording to open"
        data-testid="cast-import"
        onChange={(e) => void open(e.target.files?.[0])}
      />
      {state.error && (
        <p role="alert" className="lesson-error">
          {state.name}: cannot be played ({state.error}).
        </p>
      )}
      {state.cast && <CastView key={state.seq} cast={state.cast} name={state.name} />}
    </section>
  );
}

function CastView({ cast, name }: { cast: Cast; name: string }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(true);
  const [speed, setSpeed] = useState(1);
  const total = duration(cast);
  const marks = markers(cast);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let unmute = () => {};
    void import('@xterm/xterm').then(({ Terminal }) => {
      if (disposed || !host.current) return;
      const x = new Terminal({
        cols: cast.header.width,
        rows: Math.min(cast.header.height, 30),
        disableStdin: true,
        convertEol: false,
        fontSize: 12,
        scrollback: 1000,
      });
      unmute = muteTerminalQueries(x.parser);
      x.open(host.current);
      term.current = x;
      setReady(true);
    });
    return () => {
      disposed = true;
      unmute();
      term.current?.dispose();
      term.current = null;
    };
  }, [cast]);

  // Draw the screen at time t: reset and write everything up to it (fast for Dojo-sized recordings).
  useEffect(() => {
    const x = term.current;
    if (!x) return;
    x.reset();
    x.write(outputUntil(cast, t));
  }, [cast, t, ready]);

  useEffect(() => {
    if (!playing) return;
    if (t >= total) {
      setPlaying(false);
      return;
    }
    const id = setTimeout(() => setT((v) => Math.min(total, v + 0.1 * speed)), 100);
    return () => clearTimeout(id);
  }, [playing, t, total, speed]);

  return (
    <div className="practice-player">
      <p className="lesson-muted">
        {cast.header.title ?? name} · {clock(total)}
      </p>
      <div
        ref={host}
        className="practice-player-screen"
        role="img"
        aria-label={`Recording ${name}, read-only terminal`}
        data-testid="player-screen"
      />
      <div className="practice-player-controls">
        <button
          type="button"
          onClick={() => (t >= total ? (setT(0), setPlaying(true)) : setPlaying(!playing))}
          aria-label={playing ? 'Pause' : 'Play'}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          min={0}
          max={Math.max(total, 0.1)}
          step={0.1}
          value={t}
          onChange={(e) => setT(Number(e.target.value))}
          aria-label="Position in the recording"
          aria-valuetext={`${clock(t)} of ${clock(total)}`}
        />
        <span aria-hidden="true">
          {clock(t)} / {clock(total)}
        </span>
      </div>
      {marks.length > 0 && (
        <details>
          <summary>Markers ({marks.length})</summary>
          <ul className="practice-markers">
            {marks.map((m, i) => (
              <li key={i}>
                <button
                  type="button"
                  onClick={() => {
                    setPlaying(false);
                    setT(m.t);
                  }}
                >
                  {clock(m.t)} {m.label}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
