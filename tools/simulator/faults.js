// @ts-check
'use strict';

/**
 * Which fault the next API request suffers: one-shot faults queued by a test first, then seeded
 * random ones. How a fault is played on the wire lives in index.js, next to the normal answers.
 */

const FAULT_KINDS = Object.freeze([
	'delay',
	'reset',
	'truncate',
	'html502',
	'malformed',
	'maintenance',
	'5xx',
	'simultaneous',
	'hang',
]);
/** Faults a client is expected to survive by retrying: the default mix of random faults. */
const DEFAULT_RANDOM_KINDS = Object.freeze(['5xx', 'reset', 'html502', 'simultaneous']);
const DEFAULT_DELAY_MS = 200;

/**
 * @typedef {object} FaultSpec
 * @property {string} kind one of FAULT_KINDS
 * @property {number} [times] how many consecutive requests get it (queued faults only; default 1)
 * @property {number} [delayMs] for `delay` (default 200)
 * @property {number} [status] for `5xx` (500–599, default 500)
 * @property {'json' | 'text'} [body] for `5xx` (default json)
 */
/** @typedef {{ kind: string, delayMs: number, status: number, body: 'json' | 'text' }} Fault */
/**
 * `perRequest`: draw each request's fault from the seed, the request (path and query) and how many
 * times that request was seen, instead of from one stream in arrival order; concurrent callers then
 * get the same faults on every run, however their requests interleave.
 * @typedef {{ rate: number, seed?: number, kinds?: ReadonlyArray<string | FaultSpec>, perRequest?: boolean }} RandomFaultOptions
 */

/**
 * Validates a spec (or a bare kind) and fills in the defaults.
 * @param {string | FaultSpec} spec
 * @returns {Fault}
 */
function normalizeFault(spec) {
	const {
		kind,
		delayMs = DEFAULT_DELAY_MS,
		status = 500,
		body = 'json',
	} = typeof spec === 'string' ? { kind: spec } : (spec ?? {});
	if (!FAULT_KINDS.includes(kind))
		throw new Error(
			`unknown fault kind ${JSON.stringify(kind)} (known: ${FAULT_KINDS.join(', ')})`,
		);
	if (!(Number.isFinite(delayMs) && delayMs >= 0))
		throw new Error(`fault delayMs must be a number >= 0, got ${JSON.stringify(delayMs)}`);
	if (!(Number.isInteger(status) && status >= 500 && status <= 599))
		throw new Error(`fault status must be 500–599, got ${JSON.stringify(status)}`);
	if (body !== 'json' && body !== 'text')
		throw new Error(`fault body must be "json" or "text", got ${JSON.stringify(body)}`);
	return { kind, delayMs, status, body };
}

/**
 * mulberry32: a tiny seeded PRNG, so a "random" fault run can be replayed exactly.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
function mulberry32(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * FNV-1a, 32 bits: mixes a request into the seed of its own fault stream.
 * @param {string} text
 */
function fnv1a(text) {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash >>> 0;
}

class FaultPlan {
	constructor() {
		/** @type {Fault[]} */
		this.queue = [];
		/** @type {{ rate: number, seed: number, random: () => number, kinds: Fault[], seen: Map<string, number> | null } | null} */
		this.randomFaults = null;
	}

	/** @param {ReadonlyArray<string | FaultSpec>} specs */
	inject(specs) {
		if (!Array.isArray(specs)) throw new Error('faults must be an array');
		const faults = specs.flatMap((spec) => {
			const times = typeof spec === 'object' && spec.times !== undefined ? spec.times : 1;
			if (!(Number.isInteger(times) && times >= 1))
				throw new Error(`fault times must be an integer >= 1, got ${JSON.stringify(times)}`);
			return Array.from({ length: times }, () => normalizeFault(spec));
		});
		this.queue.push(...faults); // only after every spec validated: a bad list changes nothing
	}

	/** @param {RandomFaultOptions | null} options null or rate 0 turns random faults off */
	setRandom(options) {
		if (!options || options.rate === 0) {
			this.randomFaults = null;
			return;
		}
		const { rate, seed = 1, kinds = DEFAULT_RANDOM_KINDS, perRequest = false } = options;
		if (!(typeof rate === 'number' && rate > 0 && rate <= 1))
			throw new Error(`random fault rate must be in (0, 1], got ${JSON.stringify(rate)}`);
		if (!Array.isArray(kinds) || kinds.length === 0)
			throw new Error('random fault kinds must be a non-empty array');
		this.randomFaults = {
			rate,
			seed,
			random: mulberry32(seed),
			kinds: kinds.map(normalizeFault),
			seen: perRequest ? new Map() : null,
		};
	}

	clear() {
		this.queue = [];
		this.randomFaults = null;
	}

	/**
	 * The fault the next request suffers, or null for a normal answer.
	 * @param {string} request its path and query, for `perRequest` random faults
	 */
	next(request) {
		const queued = this.queue.shift();
		if (queued) return queued;
		if (!this.randomFaults) return null;
		const { rate, seed, kinds, seen } = this.randomFaults;
		let random = this.randomFaults.random;
		if (seen) {
			const occurrence = (seen.get(request) ?? 0) + 1;
			seen.set(request, occurrence);
			random = mulberry32(seed ^ fnv1a(`${occurrence} ${request}`));
		}
		return random() < rate ? kinds[Math.floor(random() * kinds.length)] : null;
	}

	get pending() {
		return this.queue.length;
	}
}

module.exports = { FAULT_KINDS, DEFAULT_RANDOM_KINDS, normalizeFault, mulberry32, FaultPlan };
