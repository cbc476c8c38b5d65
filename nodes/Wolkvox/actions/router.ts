import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { redactOutput, toNodeError } from '../../shared/nodeErrors';
import { wolkvoxSecret } from '../../shared/transport';
import { getWorkforcePerHour } from './report';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

/** Every operation by resource; adding one touches its folder and one line here. */
const OPERATIONS: Record<string, Record<string, Operation>> = {
	report: { getWorkforcePerHour },
};

/**
 * Runs the chosen operation once per input item. Each output item is paired with its input;
 * with "Continue On Fail" a failed item becomes `{ error }` and the others go on. Rows and errors
 * leave with the token blanked out.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const secret = await wolkvoxSecret.call(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = OPERATIONS[resource]?.[operationName];
			if (!operation)
				throw new Error(`The operation "${operationName}" of "${resource}" is not supported`);
			const rows = redactOutput(await operation.call(this, itemIndex), secret);
			for (const json of rows) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex, secret);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
