import { WolkvoxApiFailure } from './wolkvox/api/errors';
import { MAX_ANSWER_BYTES } from './wolkvox/api/limits';

/**
 * Identical requests within one execution are sent once (design.md, "Ranges and requests"): 40
 * items asking the same 31 windows cost 31 tokens, not 1,240. What is kept is an answer's text, not
 * its rows: readers type rows in place, so each item reads its own rows from the text.
 */

/** An answer to share: its status and text as sent. */
export interface SharedAnswer {
	status: number;
	body: string;
}

/** A request that ended without an answer to share (stopped, or its item ran out of time). */
export const UNANSWERED = Symbol('unanswered');

/** What a request came to: an answer, the failure it ended in (after its retries), or nothing to share. */
export type SharedOutcome = SharedAnswer | WolkvoxApiFailure | typeof UNANSWERED;

/** Questions an execution keeps the outcome of: a 366-day split asks 366. */
const MAX_QUESTIONS = 1_000;

/** Characters of answer text an execution keeps for items that ask again: one largest answer. */
const MAX_KEPT_CHARACTERS = MAX_ANSWER_BYTES;

/**
 * The outcomes of one execution's requests, by question (credential, host, path and query). Bounded:
 * past MAX_QUESTIONS questions or MAX_KEPT_CHARACTERS of text, the oldest are dropped first, and a
 * question asked again after that is sent again.
 */
export class SharedAnswers {
	private readonly outcomes = new Map<
		string,
		{ outcome: Promise<SharedOutcome>; characters: number }
	>();

	private characters = 0;

	/** The outcome of an earlier request of `question`, still under way or ended. */
	get(question: string): Promise<SharedOutcome> | undefined {
		return this.outcomes.get(question)?.outcome;
	}

	/** Records that `question` is being asked: call the function returned, once, with what it came to. */
	ask(question: string): (outcome: SharedOutcome) => void {
		let settle: (outcome: SharedOutcome) => void = () => undefined;
		const entry = {
			outcome: new Promise<SharedOutcome>((resolve) => (settle = resolve)),
			characters: 0,
		};
		this.forget(question);
		this.outcomes.set(question, entry);
		this.keepWithinBounds();
		return (outcome) => {
			settle(outcome);
			if (this.outcomes.get(question) !== entry) return;
			if (outcome === UNANSWERED) return this.forget(question);
			if (!(outcome instanceof WolkvoxApiFailure)) {
				entry.characters = outcome.body.length;
				this.characters += entry.characters;
			}
			this.keepWithinBounds();
		};
	}

	/** Questions and characters kept (for tests and diagnostics). */
	size(): { questions: number; characters: number } {
		return { questions: this.outcomes.size, characters: this.characters };
	}

	private forget(question: string): void {
		const entry = this.outcomes.get(question);
		if (!entry) return;
		this.outcomes.delete(question);
		this.characters -= entry.characters;
	}

	/** Drops the oldest outcomes (a Map keeps insertion order) until both bounds hold. */
	private keepWithinBounds(): void {
		for (const question of this.outcomes.keys()) {
			if (this.outcomes.size <= MAX_QUESTIONS && this.characters <= MAX_KEPT_CHARACTERS) return;
			this.forget(question);
		}
	}
}

/** Keyed by their keeper (an execution's signal, or one node run): the answers go when it goes. */
const byKeeper = new WeakMap<object, SharedAnswers>();

/** The shared answers kept by `keeper`. */
export function sharedAnswersOf(keeper: object): SharedAnswers {
	let answers = byKeeper.get(keeper);
	if (!answers) {
		answers = new SharedAnswers();
		byKeeper.set(keeper, answers);
	}
	return answers;
}
