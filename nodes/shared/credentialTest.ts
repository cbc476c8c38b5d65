import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { errorText } from './nodeErrors';
import { wolkvoxTestGet } from './transport';
import { apiPath } from './wolkvox/spec';
import { resolveConnection } from './wolkvox/api/server';

/**
 * The credential's "Test" (and the check on "Save"): one real request, `token_info`, through the
 * node's transport, so the test has the node's caps, deadline, redaction and failure table, and a
 * 200 carrying a Wolkvox error (or a web page) is reported as the error it is. The nodes name it
 * in `testedBy`; the credential has no declarative `test`, which n8n would run instead.
 */
export async function wolkvoxApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		await wolkvoxTestGet.call(this, resolveConnection(data), apiPath('information.php'), {
			api: 'token_info',
		});
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const secret = typeof data.token === 'string' ? data.token.trim() : '';
		return { status: 'Error', message: errorText(error, secret) };
	}
}
