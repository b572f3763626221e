import type { ConsentText, ContributorView } from '../contribute-types.js';

/** What every panel on the status page gets: the opened contribution and how to report back. */
export interface PanelProps {
  readonly code: string;
  readonly view: ContributorView;
  readonly onView: (view: ContributorView) => void;
  /** The API no longer accepts the code (e.g. the story was withdrawn in another tab). */
  readonly onCodeRejected: () => void;
}

/** The panels that change the consent also show (or cite) the consent text in force. */
export interface ConsentPanelProps extends PanelProps {
  readonly consentText: ConsentText;
}
