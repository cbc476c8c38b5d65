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

describe('whether a later node run of the execution may ask the same question', () => {
	const { laterRunsMayAsk } = require('../../dist/nodes/shared/transport');
	const WOLKVOX = 'n8n-nodes-wolkvox.wolkvox';
	const start = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', disabled: false };
	/** A workflow graph as n8n gives it to a node run: the nodes before and after each node. */
	const graph = (
		/** @type {{ name: string, type: string }} */ node,
		/** @type {Record<string, object[]>} */ parents,
		/** @type {Record<string, object[]>} */ children,
	) =>
		/** @type {any} */ ({
			getNode: () => node,
			getParentNodes: (/** @type {string} */ name) => parents[name] ?? [],
			getChildNodes: (/** @type {string} */ name) => children[name] ?? [],
		});

	test('a node after a trigger, alone in its workflow: no', () => {
		const node = { name: 'Wolkvox', type: WOLKVOX, disabled: false };
		expect(laterRunsMayAsk(graph(node, { Wolkvox: [start] }, { Start: [node] }))).toBe(false);
	});

	test("an AI agent's tool (no node before it), even alone: yes", () => {
		const tool = { name: 'Wolkvox', type: `${WOLKVOX}Tool`, disabled: false };
		expect(laterRunsMayAsk(graph(tool, {}, {}))).toBe(true);
	});

	test('the Wolkvox tool of an agent the execution reaches: yes; of no agent it reaches: no', () => {
		const node = { name: 'Wolkvox', type: WOLKVOX, disabled: false };
		const tool = { name: 'Wolkvox Tool', type: `${WOLKVOX}Tool`, disabled: false };
		const agent = { name: 'Agent', type: '@n8n/n8n-nodes-langchain.agent', disabled: false };
		/** @type {Record<string, object[]>} */
		const parents = { Wolkvox: [start] };
		const toolsOf = /** @type {any} */ (graph(node, parents, { Start: [node, agent] }));
		toolsOf.getParentNodes = (
			/** @type {string} */ name,
			/** @type {{ connectionType?: string }} */ options = {},
		) =>
			options.connectionType === 'ai_tool'
				? name === 'Agent'
					? [tool]
					: []
				: (parents[name] ?? []);
		expect(laterRunsMayAsk(toolsOf)).toBe(true);
		const elsewhere = /** @type {any} */ (graph(node, parents, { Start: [node] }));
		elsewhere.getParentNodes = toolsOf.getParentNodes;
		expect(laterRunsMayAsk(elsewhere)).toBe(false);
	});

	test('nodes before it that all have a node before them (no start to be found): yes', () => {
		const node = { name: 'Wolkvox', type: WOLKVOX, disabled: false };
		const a = { name: 'A', type: 'n8n-nodes-base.noOp', disabled: false };
		const b = { name: 'B', type: 'n8n-nodes-base.noOp', disabled: false };
		const parents = { Wolkvox: [a, b], A: [b], B: [a] };
		expect(laterRunsMayAsk(graph(node, parents, { A: [b, node], B: [a, node] }))).toBe(true);
	});

	test('decided once per node run: its requests share one keeper, another run decides again', () => {
		const { keeperOfAnswers } = require('../../dist/nodes/shared/transport');
		const node = { name: 'Wolkvox', type: WOLKVOX, disabled: false };
		let graphReads = 0;
		const execution = new AbortController().signal;
		const run = (/** @type {number} */ items) => ({
			...graph(node, { Wolkvox: [start] }, { Start: [node] }),
			getExecutionCancelSignal: () => execution,
			getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
			getParentNodes: (/** @type {string} */ name) => {
				graphReads++;
				return name === 'Wolkvox' ? [start] : [];
			},
		});
		const threeItems = run(3);
		const keeper = keeperOfAnswers(threeItems);
		expect(keeper).toBeDefined();
		expect(keeperOfAnswers(threeItems)).toBe(keeper);
		const reads = graphReads;
		for (let request = 0; request < 10; request++) keeperOfAnswers(threeItems);
		expect(graphReads).toBe(reads);
		const oneItem = run(1);
		expect(keeperOfAnswers(oneItem)).toBeUndefined();
		expect(graphReads).toBeGreaterThan(reads);
		// "No one keeps them" is a decision too, not read again at each request.
		const readsOfLoneRun = graphReads;
		for (let request = 0; request < 10; request++) expect(keeperOfAnswers(oneItem)).toBeUndefined();
		expect(graphReads).toBe(readsOfLoneRun);
	});

	test('an n8n that does not give the workflow graph to nodes: yes', () => {
		const node = { name: 'Wolkvox', type: WOLKVOX };
		expect(laterRunsMayAsk(/** @type {any} */ ({ getNode: () => node }))).toBe(true);
	});
});
