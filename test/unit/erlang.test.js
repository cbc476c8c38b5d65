// @ts-check
const { erlangC, serviceLevel, requiredAgents } = require('../../dist/nodes/shared/wolkvox/erlang');

const target = { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3 };

describe('Erlang C golden cases', () => {
	test('100 calls in 30 min, AHT 180 s, 80/20, cap 85 %, shrinkage 30 % → 14 agents, 20 scheduled', () => {
		const result = requiredAgents(100, 180, 1800, target);
		expect(result.agentsRequired).toBe(14);
		expect(result.agentsWithShrinkage).toBe(20);
		expect(result.serviceLevel).toBeCloseTo(0.888, 3);
		expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.796, 3);
	});

	test('1000 calls per hour, AHT 120 s → 40 agents (occupancy cap decides), 58 scheduled', () => {
		const result = requiredAgents(1000, 120, 3600, target);
		expect(result.agentsRequired).toBe(40);
		expect(result.agentsWithShrinkage).toBe(58);
		expect(result.serviceLevel).toBeCloseTo(0.937, 3);
		expect(result.occupancy).toBeLessThanOrEqual(0.85);
	});
});

describe('numerical behaviour', () => {
	test('large traffic (10,000 Erlangs) stays finite and meets the target', () => {
		const result = requiredAgents(300000, 120, 3600, { ...target, maxOccupancy: 1 });
		expect(Number.isFinite(result.serviceLevel)).toBe(true);
		expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
		expect(result.agentsRequired).toBeGreaterThan(10000);
		expect(result.agentsRequired).toBeLessThan(10200);
	});

	test('probability of waiting is between 0 and 1 and falls as agents are added', () => {
		const waits = [11, 12, 15, 20].map((agents) => erlangC(agents, 10));
		for (const wait of waits) expect(wait).toBeGreaterThan(0), expect(wait).toBeLessThan(1);
		expect([...waits].sort((a, b) => b - a)).toEqual(waits);
	});

	test('no traffic needs no agents', () => {
		expect(requiredAgents(0, 180, 3600, target)).toEqual({
			agentsRequired: 0,
			agentsWithShrinkage: 0,
			serviceLevel: 1,
			occupancy: 0,
		});
	});
});

describe('staffingCheck on a row', () => {
	const { staffingCheck } = require('../../dist/nodes/shared/wolkvox/staffing');
	const row = { skill_id: 12, hour: 7, hour_start: 'x', inbound_calls: 1000, inbound_calls_unique_customers: 900, aht: 120, agents_needed: 38 };

	test('an hour of 1000 calls at 120 s gives the golden 40 / 58', () => {
		expect(staffingCheck(row, target)).toEqual({
			erlang_agents_required: 40,
			erlang_agents_scheduled: 58,
			erlang_service_level: 0.9372,
			erlang_occupancy: 0.8333,
		});
	});

	test.each([
		['unknown calls', { inbound_calls: null }],
		['unknown handle time', { aht: null }],
		['negative calls', { inbound_calls: -5 }],
		['absurd traffic (corrupt AHT)', { aht: 99999999999 }],
	])('%s → not computed (null), quickly', (_name, change) => {
		expect(staffingCheck({ ...row, ...change }, target).erlang_agents_required).toBeNull();
	});
});
