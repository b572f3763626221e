import type { ConsentText } from '../contribute-types.js';
import type { Draft } from '../draft.js';

/** What the scopes and display steps get from the contribute page. */
export interface ChoiceStepProps {
  readonly draft: Draft;
  readonly update: (change: Partial<Draft>) => void;
  readonly consentText: ConsentText;
  readonly focusHeading: boolean;
  readonly onNext: () => void;
  readonly onBack: () => void;
}
