/**
 * The check-in screen's draft: its whole state as typed, kept in Rust while the
 * conversation is under way, so that nothing typed is lost if the window closes or the app
 * is killed. Saved ~800 ms after typing stops, at once when a field is left (change) and when
 * the window hides; one save at a time, in order, and never after the check-in is finished.
 */
import * as api from '../../api';
import type { PersonId } from '../../api';
import { dropActiveDraft, keepActiveDraft } from '../../lib/drafts';
import { EMPTY_PULSE, type PulseInput } from '../../parts/pulse';

/** Typing pauses this long before the draft is saved. */
export const DEBOUNCE_MS = 800;

export interface FollowUpInput {
  text: string;
  owner: string;
  dueOn: string;
}

/** What the screen holds, every field as typed. */
export interface ScreenState {
  v: 1;
  heldOn: string;
  minutes: string;
  channel: string;
  note: string;
  pulse: PulseInput;
  /** Open follow-ups ticked Done. */
  done: number[];
  /** New follow-ups added to the list. */
  followups: FollowUpInput[];
  /** What is in the new follow-up fields, not added yet. */
  composer: FollowUpInput;
}

const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

function followUpInput(value: unknown): FollowUpInput | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return { text: str(v.text), owner: str(v.owner, 'manager'), dueOn: str(v.dueOn) };
}

/**
 * A stored draft as screen state, taking only what has the right shape: a draft from an
 * older version, or damaged, restores what it can and never breaks the screen.
 */
export function readDraft(raw: unknown, defaults: ScreenState): ScreenState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const d = raw as Record<string, unknown>;
  const pulse = (typeof d.pulse === 'object' && d.pulse !== null ? d.pulse : {}) as Record<string, unknown>;
  return {
    v: 1,
    heldOn: str(d.heldOn, defaults.heldOn),
    minutes: str(d.minutes, defaults.minutes),
    channel: str(d.channel, defaults.channel),
    note: str(d.note),
    pulse: {
      mood: str(pulse.mood, EMPTY_PULSE.mood),
      workload: str(pulse.workload, EMPTY_PULSE.workload),
      balance: str(pulse.balance, EMPTY_PULSE.balance),
      moves: str(pulse.moves, EMPTY_PULSE.moves),
    },
    done: Array.isArray(d.done) ? d.done.filter((n): n is number => typeof n === 'number') : [],
    followups: Array.isArray(d.followups)
      ? d.followups.map(followUpInput).filter((f): f is FollowUpInput => f !== null)
      : [],
    composer: followUpInput(d.composer) ?? { ...defaults.composer },
  };
}

/** Saves the screen's state, debounced and in order. */
export class DraftKeeper {
  private timer: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /** The state last sent (or found on opening), as JSON: an unchanged screen is not saved again. */
  private last: string;
  /** Whether a draft is stored for this person now. */
  stored: boolean;

  constructor(
    private readonly personId: PersonId,
    private readonly collect: () => ScreenState,
    private readonly report: (result: { savedAt: Date } | { error: string }) => void,
    stored: boolean,
  ) {
    this.last = JSON.stringify(collect());
    this.stored = stored;
    keepActiveDraft(this);
  }

  /** Something was typed: save once typing pauses. */
  schedule(): void {
    if (this.stopped) return;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  /** Saves now if anything changed; resolves when every save sent so far is done. */
  flush(): Promise<void> {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return this.chain;
    const state = this.collect();
    const text = JSON.stringify(state);
    if (text === this.last) return this.chain;
    this.last = text;
    this.chain = this.chain.then(() =>
      api.saveCheckinDraft(this.personId, state as unknown as Record<string, unknown>).then(
        () => {
          this.stored = true;
          this.report({ savedAt: new Date() });
        },
        (error: unknown) => {
          // Not saved: the next change (or the next flush) tries again.
          if (this.last === text) this.last = '';
          this.report({ error: api.asApiError(error).message });
        },
      ),
    );
    return this.chain;
  }

  /** No more saves (finishing, or starting over); resolves when the last one has landed. */
  stop(): Promise<void> {
    window.clearTimeout(this.timer);
    this.timer = undefined;
    this.stopped = true;
    dropActiveDraft(this);
    return this.chain;
  }

  /** Saves again (finishing failed: the draft must go on being kept). */
  resume(): void {
    this.stopped = false;
    keepActiveDraft(this);
    void this.flush();
  }
}
