import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { WolkvoxApiFailure, WolkvoxInputError } from './wolkvox/errors';

/**
 * Turns a Wolkvox domain error into the n8n error the editor shows. The API error is built from our
 * own summary, never from the HTTP client's error (which carries the request headers).
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof WolkvoxInputError) {
		return new NodeOperationError(node, error.message, {
			description: error.description,
			itemIndex,
		});
	}
	if (error instanceof WolkvoxApiFailure) {
		const httpCode = error.httpCode === undefined ? undefined : String(error.httpCode);
		const summary: JsonObject = {
			message: error.message,
			reason: error.reason,
			httpCode: httpCode ?? null,
		};
		return new NodeApiError(node, summary, {
			message: error.message,
			description: error.description,
			httpCode,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error.message : String(error), {
		itemIndex,
	});
}
