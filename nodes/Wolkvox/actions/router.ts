import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from '../../shared/nodeErrors';
import { wolkvoxSecret } from '../../shared/transport';
import { endpointOf } from '../../shared/wolkvox/catalogue';
import { getCatalogueReport } from './catalogue/execute';
import { getWorkforcePerHour } from './report';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

/** Operations with their own code; every other one is a catalogue endpoint run by the generic path. */
const OPERATIONS: Record<string, Record<string, Operation>> = {
	report: { getWorkforcePerHour },
};

function operationOf(resource: string, name: string): Operation | undefined {
	const own = OPERATIONS[resource]?.[name];
	if (own) return own;
	const endpoint = endpointOf(resource, name);
	return endpoint
		? function (this: IExecuteFunctions, itemIndex: number) {
				return getCatalogueReport.call(this, itemIndex, endpoint);
			}
		: undefined;
}

/**
 * Runs the chosen operation once per input item. Each output item is paired with its input;
 * with "Continue On Fail" a failed item becomes `{ error }` and the others go on. Rows and errors
 * leave with the token blanked out (rows as they arrive, in transport.ts).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const secret = await wolkvoxSecret.call(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operationOf(resource, operationName);
			if (!operation)
				throw new Error(`The operation "${operationName}" of "${resource}" is not supported`);
			const rows = await operation.call(this, itemIndex);
			// One pairing object for all the rows of an item, as n8n's constructExecutionMetaData does.
			const pairedItem = { item: itemIndex };
			for (const json of rows) output.push({ json, pairedItem });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex, secret);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
