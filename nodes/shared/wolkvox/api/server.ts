import { describeShape, WolkvoxInputError } from './errors';
import { typingCouldWrite } from '../typing/typing';

/**
 * Where a Wolkvox operation lives. The host is only ever built from a checked server id, or from a
 * checked base URL override; nothing else a user types reaches a URL. Messages never quote a
 * credential value (a token or a password pasted in the wrong field would be stored in run data).
 */

const SERVER_FORMS =
	'Use the digits of your Wolkvox address: for wv0042.wolkvox.com enter 0042 (wv0042, wv0042.wolkvox.com or https://wv0042.wolkvox.com also work).';

const BARE_SERVER = /^(?:wv)?([0-9]{1,6})$/i;
const SERVER_URL = /^(?:https?:\/\/)?wv([0-9]{1,6})\.wolkvox\.com(?:[/?#][^\s]*)?$/i;

/** The server id ("0042") from any of the forms users paste, or a WolkvoxInputError. */
export function parseServerId(input: unknown): string {
	const text =
		typeof input === 'string' ? input.trim() : typeof input === 'number' ? String(input) : '';
	const match = BARE_SERVER.exec(text) ?? SERVER_URL.exec(text);
	if (!match) {
		const shown = text === '' ? 'is empty' : `${describeShape(input)} is not a Wolkvox server`;
		throw new WolkvoxInputError('server', `Server ${shown}`, SERVER_FORMS);
	}
	return match[1];
}

const BASE_URL =
	/^(https?):\/\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::([0-9]{1,5}))?((?:\/[a-z0-9._~!$&'()*+,;=:@%-]*)*)$/i;

/** This machine: plain http to it never leaves the host (the simulator, a local gateway). */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.[0-9]{1,3}){3}|\[(?:0{0,4}:){2,7}0{0,3}1\])$/i;

const BASE_URL_FORM =
	'Leave it empty to use https://wv<server>.wolkvox.com, or enter https://host[:port][/path] of your gateway or proxy (no query, no user name or password).';

/**
 * A checked base URL override (`https://host[:port][/path]`, no trailing slash), or undefined when
 * empty. Plain http is accepted for loopback only, unless `allowPlainHttp` (the credential's
 * explicit switch) is on: the token would otherwise cross the network unencrypted.
 */
export function parseBaseUrl(input: unknown, allowPlainHttp = false): string | undefined {
	const text = typeof input === 'string' ? input.trim() : '';
	if (text === '' && (input === undefined || input === null || typeof input === 'string'))
		return undefined;
	if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(text)) {
		throw new WolkvoxInputError(
			'baseUrl',
			'Base URL contains a user name or password',
			`Remove them: the node sends only the token, in its own header. ${BASE_URL_FORM}`,
		);
	}
	const match = BASE_URL.exec(text);
	const port = match?.[3] === undefined ? undefined : Number(match[3]);
	if (!match || (port !== undefined && (port < 1 || port > 65535))) {
		throw new WolkvoxInputError(
			'baseUrl',
			`Base URL ${describeShape(input)} is not a valid https address`,
			BASE_URL_FORM,
		);
	}
	if (match[1].toLowerCase() === 'http' && !LOOPBACK_HOST.test(match[2]) && !allowPlainHttp) {
		throw new WolkvoxInputError(
			'baseUrl',
			'Base URL uses plain http to another machine',
			'The token would cross the network unencrypted. Use https://, or, only for a gateway on a network you trust, turn on "Allow Plain HTTP (Token Unencrypted)" in the credential.',
		);
	}
	return text.replace(/\/+$/, '');
}

const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/;

/** The token, checked to be sendable as a header. Messages never repeat it. */
export function parseToken(input: unknown): string {
	const token = typeof input === 'string' ? input.trim() : '';
	if (token === '')
		throw new WolkvoxInputError(
			'token',
			'Token is empty',
			'Paste the API token from Wolkvox Manager.',
		);
	if (!HEADER_SAFE_TOKEN.test(token)) {
		throw new WolkvoxInputError(
			'token',
			'Token contains spaces, line breaks or non-ASCII characters',
			'A Wolkvox token is one word of visible ASCII characters. Copy it again from Wolkvox Manager.',
		);
	}
	if (typingCouldWrite(token)) {
		throw new WolkvoxInputError(
			'token',
			'Token looks like a number, date or time',
			'The node types report values into numbers, dates and times, so an answer could hold this token in another form that typing turns back into it, where no blanking finds it. Copy the token again from Wolkvox Manager; if it really is made only of digits and signs, ask Wolkvox for a new one.',
		);
	}
	return token;
}

export interface WolkvoxConnection {
	serverId: string;
	/** Base of every API path, e.g. https://wv0042.wolkvox.com */
	baseUrl: string;
	/** Host (and port) for messages: says where without saying how. */
	host: string;
	token: string;
}

/** The headers that carry the credential: the token, and the server id as the vendor's sample sends it. */
export function wolkvoxHeaders({ token, serverId }: WolkvoxConnection): Record<string, string> {
	return { 'wolkvox-token': token, wolkvox_server: serverId };
}

/** A request's proxy, as n8n's request options take it. */
export interface ProxyRoute {
	protocol: 'http';
	host: string;
	port: number;
}

/**
 * For plain http to this machine, the server itself as the request's proxy: n8n sends a request
 * through the proxy its environment names (HTTP_PROXY, ALL_PROXY) unless NO_PROXY lists the host,
 * and its options have no "no proxy". Naming the server as the proxy makes n8n connect straight
 * to it (the request line then carries the whole URL, which an HTTP server must accept), so a token
 * sent unencrypted never leaves this machine. Undefined for any other base URL.
 */
export function loopbackRoute(baseUrl: string): ProxyRoute | undefined {
	const match = /^http:\/\/([^/:[\]]+|\[[^\]]+\])(?::([0-9]+))?(?:\/|$)/i.exec(baseUrl);
	if (!match || !LOOPBACK_HOST.test(match[1])) return undefined;
	return { protocol: 'http', host: match[1], port: match[2] === undefined ? 80 : Number(match[2]) };
}

/** Checks the credential's fields and says where requests go. */
export function resolveConnection(credentials: {
	server?: unknown;
	token?: unknown;
	baseUrl?: unknown;
	allowPlainHttp?: unknown;
}): WolkvoxConnection {
	const serverId = parseServerId(credentials.server);
	const baseUrl =
		parseBaseUrl(credentials.baseUrl, credentials.allowPlainHttp === true) ??
		`https://wv${serverId}.wolkvox.com`;
	const host = baseUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
	return { serverId, baseUrl, host, token: parseToken(credentials.token) };
}
