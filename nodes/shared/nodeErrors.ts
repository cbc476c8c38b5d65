import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { WolkvoxApiFailure, WolkvoxInputError } from './wolkvox/api/errors';
import { secretRedactor } from './wolkvox/api/redact';

/**
 * Errors as the node hands them to n8n, with the token blanked out (see redact.ts for the forms),
 * whatever a server echoed; rows are blanked where they arrive (transport.ts).
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

/**
 * An error as one text, for places that show a text only (the credential test): the message and
 * what to do about it, with `secret` (the token) blanked out.
 */
export function errorText(error: unknown, secret: string): string {
	const redact = secretRedactor(secret);
	if (error instanceof WolkvoxApiFailure || error instanceof WolkvoxInputError) {
		return redact(error.description ? `${error.message}. ${error.description}` : error.message);
	}
	return redact(error instanceof Error ? error.message : String(error));
}
