'use client';

import { Component, type ReactNode } from 'react';

/** For parts that open over the page (dialogs started from the header): the message floats. */
export const LOAD_FAILED_TOAST = 'fixed bottom-4 right-4 z-50 max-w-sm rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 shadow-lg';

interface LoadBoundaryProps {
  /** What could not be loaded, in the users' words ("The feedback form"). */
  what: string;
  children: ReactNode;
  /** Shown instead of the default message, e.g. inside a table cell. */
  className?: string;
}

/**
 * Around a part whose code loads on demand (React.lazy): when that code cannot be fetched (the
 * network dropped, or Berth was redeployed and the old chunk is gone) the part says so where it
 * would have been, instead of taking the page — or, in the header, the whole app — down.
 */
export class LoadBoundary extends Component<LoadBoundaryProps, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p role="alert" className={this.props.className ?? 'rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900'}>
        {this.props.what} could not be loaded: check your connection, then{' '}
        <button type="button" className="font-medium underline" onClick={() => window.location.reload()}>
          reload the page
        </button>
        .
      </p>
    );
  }
}
