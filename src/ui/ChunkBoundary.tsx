/**
 * Catches a lazily loaded view whose chunk failed to download (React rethrows the rejected
 * import while rendering): that view says it could not be loaded instead of the whole app
 * unmounting. The rest of the Dojo keeps working.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message: "the editor", "the lessons". */
  what: string;
  children: ReactNode;
}

export class ChunkBoundary extends Component<Props, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(err: unknown) {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <p role="alert" className="chunk-error">
        {`${this.props.what[0]!.toUpperCase()}${this.props.what.slice(1)} could not be loaded (${this.state.error}). Reload the page once the network is back.`}
      </p>
    );
  }
}
