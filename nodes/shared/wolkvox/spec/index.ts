import { ENDPOINTS } from './endpoints';
import type { ApiFile, EndpointSpec } from './spec';

export { ENDPOINTS } from './endpoints';
export * from './spec';
export * from './pickers';

const BY_OPERATION = new Map(ENDPOINTS.map((endpoint) => [endpoint.operation, endpoint]));

/** The endpoint behind a resource and operation of the node (operation values are unique). */
export function endpointOf(resource: string, operation: string): EndpointSpec | undefined {
	const endpoint = BY_OPERATION.get(operation);
	return endpoint?.resource === resource ? endpoint : undefined;
}

/** Path of an API file, relative to the operation's base URL. */
export function apiPath(file: ApiFile): string {
	return `/api/v2/${file}`;
}
