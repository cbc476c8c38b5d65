import type { EndpointSpec, Picker, WireParameter } from './spec';
import { parameterSpec } from './spec';

/** An entry a picker offers besides the listed things, e.g. "All Skills" (value "all"). */
export interface SpecialEntry {
	name: string;
	value: string;
}

/**
 * The special entries of `wire`'s picker on `endpoint`: "All …" exactly where the endpoint accepts
 * "all". The editor's default and the list search both come from here, so a picker never offers
 * a value its operation refuses, and offers every one it accepts.
 */
export function specialEntries(endpoint: EndpointSpec, wire: WireParameter): SpecialEntry[] {
	const param = endpoint.params?.find((candidate) => candidate.wire === wire);
	const { allLabel } = parameterSpec(wire);
	if (!param?.all) return [];
	if (!allLabel) throw new Error(`${wire} accepts "all" on ${endpoint.api} but has no allLabel`);
	return [{ name: allLabel, value: 'all' }];
}

/** The special entries of `picker` on `endpoint` (none where no parameter of it uses that picker). */
export function pickerSpecialEntries(endpoint: EndpointSpec, picker: Picker): SpecialEntry[] {
	const param = endpoint.params?.find(({ wire }) => parameterSpec(wire).picker === picker);
	return param ? specialEntries(endpoint, param.wire) : [];
}
