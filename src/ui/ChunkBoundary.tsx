/**
 * Catches a lazily loaded view whose chunk failed to download (React rethrows the rejected
 * import while rendering): that view says it could not be loaded instead of the whole app
 * unmounting. The rest of the Dojo keeps working.
 */
import { Component, type ReactNode } from 'react';
import { couldNotLoad } from '../app/load-failure';

interface Props {
  /** What failed, for the message: "The editor", "The lessons". */
  what: string;
  children: ReactNode;
}

export class ChunkBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? 'unknown error' };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <p role="alert" className="chunk-error">
        {couldNotLoad(this.props.what, this.state.error)}
      </p>
    );
  }
}
