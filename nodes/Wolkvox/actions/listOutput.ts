import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { EndpointSpec } from '../../shared/wolkvox/spec';
import { describeValue, WolkvoxInputError } from '../../shared/wolkvox/api/errors';
import { cutList } from '../../shared/wolkvox/typing/listRows';

/**
 * "Return All", "Limit" and "Simplify" of a list, read (and checked) before any request, then
 * applied to the rows of its one answer. Nodes saved at version 1 have none of them and keep what
 * they always had: every row, whole. Raw Output is never simplified (it promises the rows as sent).
 */
export function listOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: EndpointSpec,
	rawOutput: boolean,
): (rows: IDataObject[]) => IDataObject[] {
	const { list } = endpoint;
	if (!list) return (rows) => rows;
	// Read as stored: a version-1 node has no such field, and then the fallback is what it did.
	const read = (name: string, fallback: unknown) =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const limit = read('returnAll', true) === false ? read('limit', 50) : undefined;
	if (limit !== undefined && !(Number.isSafeInteger(limit) && (limit as number) >= 1))
		throw new WolkvoxInputError(
			'limit',
			`Limit ${describeValue(limit)} is not valid`,
			'Use a whole number of at least 1, or turn on "Return All".',
		);
	const simplify = list.simplified !== undefined && !rawOutput && read('simple', false) === true;
	const cut = { limit: limit as number | undefined, simplify };
	// Typed rows hold what JSON holds, and cutting keeps them so.
	return (rows) => cutList(rows, list, cut) as IDataObject[];
}
