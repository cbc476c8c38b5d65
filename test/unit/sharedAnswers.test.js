// @ts-check
'use strict';

/** The answers one execution shares between identical requests, and their bounds. */

const {
	SharedAnswers,
	sharedAnswersOf,
	UNANSWERED,
} = require('../../dist/nodes/shared/sharedAnswers');
const { wolkvoxFailure } = require('../../dist/nodes/shared/wolkvox/api/failures');
const { MAX_ANSWER_BYTES } = require('../../dist/nodes/shared/wolkvox/api/limits');

const answer = (/** @type {number} */ characters) => ({
	status: 200,
	body: 'x'.repeat(characters),
});

test('an answer is there for whoever asks the same question later, while the request runs and after', async () => {
	const shared = new SharedAnswers();
	expect(shared.get('q')).toBeUndefined();
	const settle = shared.ask('q');
	const waiting = shared.get('q');
	expect(waiting).toBeDefined();
	settle(answer(10));
	await expect(waiting).resolves.toEqual(answer(10));
	await expect(shared.get('q')).resolves.toEqual(answer(10));
	expect(shared.size()).toEqual({ questions: 1, characters: 10 });
});

test('a failure is kept (it is the answer), a request stopped before its answer is not', async () => {
	const shared = new SharedAnswers();
	const failure = wolkvoxFailure('badParameters', 'host');
	shared.ask('failed')(failure);
	await expect(shared.get('failed')).resolves.toBe(failure);
	const settle = shared.ask('stopped');
	const waiting = shared.get('stopped');
	settle(UNANSWERED);
	// Whoever waited learns it, and asks again itself.
	await expect(waiting).resolves.toBe(UNANSWERED);
	expect(shared.get('stopped')).toBeUndefined();
	expect(shared.size()).toEqual({ questions: 1, characters: 0 });
});

test('at most 1,000 questions, the oldest dropped first', () => {
	const shared = new SharedAnswers();
	for (let index = 0; index < 1_005; index++) shared.ask(`q${index}`)(answer(1));
	expect(shared.size()).toEqual({ questions: 1_000, characters: 1_000 });
	expect(shared.get('q4')).toBeUndefined();
	expect(shared.get('q5')).toBeDefined();
});

test('at most one largest answer of text kept, the oldest dropped first; a larger one is not kept', () => {
	const shared = new SharedAnswers();
	const third = Math.floor(MAX_ANSWER_BYTES / 3);
	for (const question of ['a', 'b', 'c', 'd']) shared.ask(question)(answer(third));
	expect(shared.get('a')).toBeUndefined();
	expect(shared.size()).toEqual({ questions: 3, characters: 3 * third });
	shared.ask('huge')(answer(MAX_ANSWER_BYTES + 1));
	expect(shared.size()).toEqual({ questions: 0, characters: 0 });
});

test('one set of answers per execution object, none shared between two', () => {
	const execution = new AbortController().signal;
	expect(sharedAnswersOf(execution)).toBe(sharedAnswersOf(execution));
	expect(sharedAnswersOf(execution)).not.toBe(sharedAnswersOf(new AbortController().signal));
});

test('an n8n that does not give the workflow graph to nodes keeps answers for the execution', () => {
	const { laterRunsMayAsk } = require('../../dist/nodes/shared/transport');
	const node = { name: 'Wolkvox', type: 'n8n-nodes-wolkvox.wolkvox' };
	expect(laterRunsMayAsk(/** @type {any} */ ({ getNode: () => node }))).toBe(true);
	const alone = { getNode: () => node, getParentNodes: () => [], getChildNodes: () => [] };
	expect(laterRunsMayAsk(/** @type {any} */ (alone))).toBe(false);
});
