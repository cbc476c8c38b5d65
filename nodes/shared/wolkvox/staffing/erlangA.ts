/**
 * Erlang A (M/M/n+M): Erlang C with callers who hang up. Patience is exponential with mean
 * `patienceSeconds`; a caller who hangs up before an agent takes the call abandons and is never
 * answered. Service level is the share of OFFERED calls answered within the target time.
 *
 * Time is measured in handle times (service rate 1): traffic a, agents n, abandonment rate
 * θ = aht / patience. A caller who finds all n agents busy has a virtual wait V (the time until an
 * agent would take the call if the caller never hung up) whose density, summed over the queue
 * positions the caller can find, is proportional to e^f(u) with
 *   f(u) = −n·u + (a/θ)·(1 − e^(−θu))
 * (the queue-length distribution of the birth–death chain times the hypoexponential wait from
 * each position; their Laplace transforms sum to that of e^f). The caller is answered if their
 * patience outlasts V, with probability e^(−θV). With B the Erlang B blocking of n agents:
 *   P(wait)          = 1 / (1 + (1/B − 1) / (n·∫e^f))
 *   P(abandon)       = P(wait) · ∫(1 − e^(−θu))·e^f / ∫e^f
 *   service level(t) = 1 − P(wait) + P(wait) · ∫₀ᵗ e^(−θu)·e^f / ∫e^f
 *   ASA of answered  = P(wait) · ∫u·e^(−θu)·e^f / ∫e^f / (1 − P(abandon))
 * f is concave with its peak at u* = max(0, ln(a/n)/θ); around it f(u* + d) − f(u*) = g(d) =
 * −κ·d − c·φ(θd), κ = max(n − a, 0), c = min(n, a)/θ, φ(z) = e^(−z) − 1 + z: no terms of size
 * a/θ cancel however small θ is (patience → ∞ gives Erlang C). The integrals are taken over d
 * by adaptive Gauss–Kronrod between the points where g has fallen to −40 (the rest weighs under
 * e^−40 of the whole, since g is concave).
 */

import { erlangBlocking, occupancyFloor, offeredTraffic, requiredAgentsForTraffic } from './erlang';
import type { StaffingTarget } from './erlang';

export interface ErlangAFigures {
	agents: number;
	/** Share of offered calls answered within the target time, 0-1. */
	serviceLevel: number;
	/** Share of offered calls that hang up before an agent takes them, 0-1. */
	abandonRate: number;
	/** Share of offered calls that find every agent busy, 0-1. */
	probabilityWait: number;
	/** Mean wait of the answered calls, in seconds. */
	averageSpeedOfAnswerSeconds: number;
	/** Share of time agents are busy: the traffic they carry (calls not abandoned) per agent, 0-1. */
	occupancy: number;
}

/** g below this, relative to its peak, is left out of the integrals. */
const NEGLIGIBLE_LOG = -40;
const RELATIVE_TOLERANCE = 1e-11;
/** Bounds a row's work whatever the shape; the shapes met in tests need under 30 panels. */
const MAX_PANELS = 500;

/**
 * Gauss–Kronrod 7–15 on [−1, 1] (QUADPACK's qk15, to double precision): Kronrod nodes from the
 * edge in, the last one the centre; the odd ones are also the 7-point Gauss nodes.
 */
const KRONROD_NODES = [
	0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945,
	0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
];
const KRONROD_WEIGHTS = [
	0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592,
	0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
/** Gauss weights of KRONROD_NODES[1], [3], [5], [7]. */
const GAUSS_WEIGHTS = [
	0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694,
];

/** φ(z) = e^(−z) − 1 + z. */
function phi(z: number): number {
	return Math.expm1(-z) + z;
}

/**
 * The integrals over a waiting caller's virtual wait: all, weighted by the chance to hang up first,
 * to be answered, to be answered within t, and by the wait of an answered call.
 */
interface Integrals {
	all: number;
	abandoned: number;
	answered: number;
	answeredWithin: number;
	answeredWait: number;
}

interface Panel {
	from: number;
	to: number;
	all: number;
	abandoned: number;
	answered: number;
	answeredWait: number;
	errorAll: number;
	errorWait: number;
}

/**
 * The shape of one question: the exponent g(d) and the weights at u = peak + d, all in handle
 * times.
 */
class WaitShape {
	readonly kappa: number;
	readonly c: number;
	readonly peak: number;
	/** e^(−θ·peak): the chance to outlast the wait up to the peak. */
	readonly survivePeak: number;

	constructor(
		agents: number,
		traffic: number,
		readonly theta: number,
	) {
		this.kappa = Math.max(agents - traffic, 0);
		this.c = Math.min(agents, traffic) / theta;
		const overloaded = traffic > agents;
		this.peak = overloaded ? Math.log1p((traffic - agents) / agents) / theta : 0;
		this.survivePeak = overloaded ? agents / traffic : 1;
	}

	g(d: number): number {
		return -this.kappa * d - this.c * phi(this.theta * d);
	}

	panel(from: number, to: number): Panel {
		const half = (to - from) / 2;
		const middle = from + half;
		let all = 0;
		let abandoned = 0;
		let answered = 0;
		let answeredWait = 0;
		let gaussAll = 0;
		let gaussWait = 0;
		for (let index = 0; index < 15; index++) {
			const node = index < 8 ? index : 14 - index;
			const d = middle + (index < 8 ? -half : half) * KRONROD_NODES[node];
			const weight = Math.exp(this.g(d));
			const decay = Math.expm1(-this.theta * d);
			const survive = weight * this.survivePeak * (1 + decay);
			const wait = survive * (this.peak + d);
			all += KRONROD_WEIGHTS[node] * weight;
			abandoned +=
				KRONROD_WEIGHTS[node] * weight * (1 - this.survivePeak - this.survivePeak * decay);
			answered += KRONROD_WEIGHTS[node] * survive;
			answeredWait += KRONROD_WEIGHTS[node] * wait;
			if (node % 2 === 1) {
				gaussAll += GAUSS_WEIGHTS[(node - 1) / 2] * weight;
				gaussWait += GAUSS_WEIGHTS[(node - 1) / 2] * wait;
			}
		}
		return {
			from,
			to,
			all: all * half,
			abandoned: abandoned * half,
			answered: answered * half,
			answeredWait: answeredWait * half,
			errorAll: Math.abs(all - gaussAll) * half,
			errorWait: Math.abs(answeredWait - gaussWait) * half,
		};
	}

	/** Panel edges: doubling steps from the peak out to where g falls to NEGLIGIBLE_LOG. */
	edges(): number[] {
		const step = 1 / (this.kappa + this.theta * Math.sqrt(this.c));
		const right = [0];
		let d = step;
		for (; this.g(d) > NEGLIGIBLE_LOG; d *= 2) right.push(d);
		right.push(d);
		const left: number[] = [];
		if (this.peak > 0) {
			d = -step;
			for (; d > -this.peak && this.g(d) > NEGLIGIBLE_LOG; d *= 2) left.push(d);
			left.push(Math.max(d, -this.peak));
		}
		return [...left.reverse(), ...right];
	}

	/** The integrals, answered ones counted up to `within` handle times of waiting. */
	integrals(within: number): Integrals {
		const cut = within - this.peak;
		const edges = this.edges();
		const inside = edges.findIndex((edge) => edge >= cut);
		if (inside > 0 && edges[inside] !== cut) edges.splice(inside, 0, cut);
		const panels: Panel[] = [];
		for (let index = 1; index < edges.length; index++)
			panels.push(this.panel(edges[index - 1], edges[index]));
		// Halve the panel with the largest estimated error (Gauss against Kronrod, relative to the
		// totals) until the estimates add up to the tolerance.
		for (;;) {
			let all = 0;
			let answeredWait = 0;
			for (const panel of panels) {
				all += panel.all;
				answeredWait += panel.answeredWait;
			}
			let worst = 0;
			let worstError = 0;
			let totalError = 0;
			for (const [index, panel] of panels.entries()) {
				const error =
					panel.errorAll / all + (answeredWait > 0 ? panel.errorWait / answeredWait : 0);
				totalError += error;
				if (error > worstError) {
					worst = index;
					worstError = error;
				}
			}
			if (totalError <= RELATIVE_TOLERANCE || panels.length >= MAX_PANELS) break;
			const { from, to } = panels[worst];
			const middle = (from + to) / 2;
			panels.splice(worst, 1, this.panel(from, middle), this.panel(middle, to));
		}
		const sum = { all: 0, abandoned: 0, answered: 0, answeredWithin: 0, answeredWait: 0 };
		for (const panel of panels) {
			sum.all += panel.all;
			sum.abandoned += panel.abandoned;
			sum.answered += panel.answered;
			sum.answeredWait += panel.answeredWait;
			if (panel.to <= cut) sum.answeredWithin += panel.answered;
		}
		return sum;
	}
}

/**
 * Erlang A figures of `agents` (at least 1) serving `traffic` Erlangs, given the Erlang B blocking
 * of those agents.
 */
function figures(
	agents: number,
	traffic: number,
	ahtSeconds: number,
	patienceSeconds: number,
	answerWithinSeconds: number,
	blocking: number,
): ErlangAFigures {
	if (blocking === 0) {
		// No caller finds every agent busy (to the precision of a double): none waits or abandons.
		return {
			agents,
			serviceLevel: 1,
			abandonRate: 0,
			probabilityWait: 0,
			averageSpeedOfAnswerSeconds: 0,
			occupancy: traffic / agents,
		};
	}
	const shape = new WaitShape(agents, traffic, ahtSeconds / patienceSeconds);
	const integrals = shape.integrals(answerWithinSeconds / ahtSeconds);
	// 1/B − 1 against n·∫e^f, whose peak factor e^f(u*) can be far beyond a double: compared as logs.
	const logRatio =
		Math.log1p(-blocking) -
		Math.log(blocking) +
		shape.g(-shape.peak) -
		Math.log(agents * integrals.all);
	const probabilityWait = 1 / (1 + Math.exp(logRatio));
	// Shares taken from their own sums, not as 1 minus another: near 1 the difference would lose digits.
	const noWait = 1 / (1 + Math.exp(-logRatio));
	const answered = noWait + (probabilityWait * integrals.answered) / integrals.all;
	return {
		agents,
		serviceLevel: noWait + (probabilityWait * integrals.answeredWithin) / integrals.all,
		abandonRate: (probabilityWait * integrals.abandoned) / integrals.all,
		probabilityWait,
		averageSpeedOfAnswerSeconds:
			(probabilityWait * integrals.answeredWait * ahtSeconds) / integrals.all / answered,
		occupancy: (traffic * answered) / agents,
	};
}

/**
 * Erlang A figures of `agents` (at least 1) serving `traffic` Erlangs (more than 0) of calls
 * lasting `ahtSeconds`, callers waiting `patienceSeconds` on average before hanging up.
 */
export function erlangA(
	agents: number,
	traffic: number,
	ahtSeconds: number,
	patienceSeconds: number,
	answerWithinSeconds: number,
): ErlangAFigures {
	return figures(
		agents,
		traffic,
		ahtSeconds,
		patienceSeconds,
		answerWithinSeconds,
		erlangBlocking(traffic)(agents),
	);
}

/**
 * Fewest agents meeting the service level (below 1) and the occupancy cap under Erlang A, with
 * their figures; undefined when the traffic cannot be known (see offeredTraffic) or the patience
 * is not a positive time.
 */
export function requiredAgentsErlangA(
	calls: number,
	ahtSeconds: number,
	intervalSeconds: number,
	target: StaffingTarget & { patienceSeconds: number },
): ErlangAFigures | undefined {
	const traffic = offeredTraffic(calls, ahtSeconds, intervalSeconds);
	if (traffic === undefined || !(target.patienceSeconds > 0)) return undefined;
	if (traffic === 0) {
		return {
			agents: 0,
			serviceLevel: 1,
			abandonRate: 0,
			probabilityWait: 0,
			averageSpeedOfAnswerSeconds: 0,
			occupancy: 0,
		};
	}
	const blocking = erlangBlocking(traffic);
	const at = (agents: number) =>
		figures(
			agents,
			traffic,
			ahtSeconds,
			target.patienceSeconds,
			target.answerWithinSeconds,
			blocking(agents),
		);
	const meets = (result: ErlangAFigures) =>
		result.serviceLevel >= target.serviceLevel &&
		result.agents >= occupancyFloor(result.occupancy * result.agents, target.maxOccupancy);
	// Service level rises and occupancy falls with each agent. Erlang C's answer is usually a few
	// agents off: gallop from it (1, 2, 4... agents) to a bracket, then halve the bracket.
	const start = requiredAgentsForTraffic(traffic, ahtSeconds, target, blocking).agentsRequired;
	let pass = at(start);
	let fail: number;
	if (meets(pass)) {
		for (let step = 1; ; step *= 2) {
			const lower = pass.agents - step;
			if (lower < 1) {
				fail = 0;
				break;
			}
			const result = at(lower);
			if (!meets(result)) {
				fail = lower;
				break;
			}
			pass = result;
		}
	} else {
		fail = start;
		for (let step = 1; ; step *= 2) {
			const result = at(fail + step);
			if (meets(result)) {
				pass = result;
				break;
			}
			fail += step;
		}
	}
	while (pass.agents - fail > 1) {
		const result = at(Math.floor((fail + pass.agents) / 2));
		if (meets(result)) pass = result;
		else fail = result.agents;
	}
	return pass;
}
