import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';
import { WolkvoxApiFailure, WolkvoxInputError } from './wolkvox/errors';
import { redactDeep, secretRedactor } from './wolkvox/redact';

/**
 * The one place where what the node hands to n8n (errors and output items) is built: the token is
 * blanked out of all of it (see redact.ts for the forms), whatever a server echoed.
 */

/**
 * Turns a Wolkvox domain error into the n8n error the editor shows, with `secret` (the token)
 * blanked out. The API error is built from our own summary, never from the HTTP client's error
 * (which carries the request headers).
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	secret = '',
): NodeApiError | NodeOperationError {
	const redact = secretRedactor(secret);
	if (error instanceof WolkvoxInputError) {
		return new NodeOperationError(node, redact(error.message), {
			description: error.description && redact(error.description),
			itemIndex,
		});
	}
	if (error instanceof WolkvoxApiFailure) {
		const httpCode = error.httpCode === undefined ? undefined : String(error.httpCode);
		const message = redact(error.message);
		const summary: JsonObject = { message, reason: error.reason, httpCode: httpCode ?? null };
		return new NodeApiError(node, summary, {
			message,
			description: redact(error.description),
			httpCode,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = redact(error.message);
		if (typeof error.description === 'string') error.description = redact(error.description);
		return error;
	}
	return new NodeOperationError(
		node,
		redact(error instanceof Error ? error.message : String(error)),
		{ itemIndex },
	);
}

/** Output items' data with `secret` blanked out; rows that do not hold it are returned as they are. */
export function redactOutput<T extends IDataObject>(rows: T[], secret = ''): T[] {
	if (secret === '') return rows;
	const redact = secretRedactor(secret);
	return redactDeep(rows, redact);
}
