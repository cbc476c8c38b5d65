// @ts-check
'use strict';

/**
 * The test side's HTTP client (webhook calls of the end-to-end, queue and bench runs, n8n's REST
 * API, the simulator's control endpoint): undici's request(), pinned in devDependencies, so the
 * client is the same on Node 20 and 24 (their global fetch bundles different undici versions),
 * every wait has its own bound (headers and body timeouts), and a 7 MB answer is read without
 * fetch's web-stream layer in the way of the bench's timings.
 */
const { request } = require('undici');

/**
 * @param {string} url
 * @param {{ method?: import('undici').Dispatcher.HttpMethod, headers?: Record<string, string>, body?: unknown, timeoutMs?: number }} [options]
 *   `body` is sent as JSON.
 * @returns {Promise<{ status: number, headers: import('undici').Dispatcher.ResponseData['headers'], text: string, json: any }>}
 *   `json` is undefined when the answer is not JSON.
 */
async function httpJson(url, { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = {}) {
	const response = await request(url, {
		method,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
	});
	const text = await response.body.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.statusCode, headers: response.headers, text, json };
}

module.exports = { httpJson };
