/** Renders lesson Markdown safely (marked + DOMPurify); code blocks get copy and run buttons. */
import { useMemo, useState } from 'react';
import { renderMarkdown, runnableCommand, sanitize } from './markdown';
import { marked } from 'marked';

export function Markdown({
  source,
  inline,
  onRun,
  runEachLine,
}: {
  source: string;
  inline?: boolean;
  onRun?: ((command: string) => void) | undefined;
  runEachLine?: boolean;
}) {
  const pieces = useMemo(() => (inline ? null : renderMarkdown(source)), [source, inline]);
  const inlineHtml = useMemo(() => (inline ? sanitize(marked.parseInline(source, { async: false }) as string) : ''), [source, inline]);
  if (inline) return <span className="md-inline" dangerouslySetInnerHTML={{ __html: inlineHtml }} />;
  return (
    <div className="md">
      {pieces!.map((p, i) =>
        p.kind === 'html' ? (
          <div key={i} dangerouslySetInnerHTML={{ __html: p.html }} />
        ) : runEachLine ? (
          p.text
            .split('\n')
            .filter(Boolean)
            .map((line, j) => <CodeBlock key={`${i}-${j}`} lang={p.lang} text={line} onRun={onRun} />)
        ) : (
          <CodeBlock key={i} lang={p.lang} text={p.text} onRun={onRun} />
        ),
      )}
    </div>
  );
}

function CodeBlock({ lang, text, onRun }: { lang: string; text: string; onRun?: ((command: string) => void) | undefined }) {
  const [copied, setCopied] = useState(false);
  const command = runnableCommand({ lang, text });
  return (
    <div className="code-block">
      <pre>
        <code>{text}</code>
      </pre>
      <div className="code-actions">
        <button
          type="button"
          aria-label="Copy code"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(
              () => {
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              },
              () => undefined,
            );
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        {command && onRun && (
          // The name starts with the visible word (WCAG 2.5.3 label in name) for voice-control users.
          <button type="button" aria-label={`Run: type into the terminal: ${command}`} onClick={() => onRun(command)}>
            Run ▸
          </button>
        )}
      </div>
    </div>
  );
}
