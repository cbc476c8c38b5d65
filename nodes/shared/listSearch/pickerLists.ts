import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { toNodeError } from '../nodeErrors';
import { connectionKey, wolkvoxConnection, wolkvoxGet, wolkvoxSecret } from '../transport';
import { apiPath } from '../wolkvox/spec';
import { filterSkills, type Skill } from '../wolkvox/typing/lists';

/**
 * The pickers' lists (skills, agents, campaigns, activity codes), from information.php. Each listing
 * costs a token and the editor searches on every keystroke, so a list is kept a while per token,
 * host and list; only what a picker shows of a row (id and name) is kept, within bounds, and the
 * editor gets a page at a time (n8n's listSearch: `results` and a `paginationToken` for the next).
 */

export const PICKER_LISTS = {
	/** A list is asked again after this long: agents and skills change during a day. */
	ttlMs: 5 * 60_000,
	/** Lists kept in this n8n process (per token, host and list), the least recently used dropped first. */
	maxLists: 24,
	/** Memory the kept lists may take: two 60,000-entry lists (the most Wolkvox sends) fit. */
	maxBytes: 16 * 1024 * 1024,
	/** Entries sent to the editor per page. */
	pageSize: 100,
};

/** Memory an entry takes: the object and its two strings (measured: ~120 bytes at 32 characters). */
const entryBytes = ({ id, name }: Skill) => 56 + 2 * (id.length + name.length);

/** A list the pickers show: which information.php list, and how its rows become entries. */
export interface ListSource {
	api: string;
	/** Names the list's entries apart from another reading of the same rows (e.g. agents by document). */
	idField: string;
	entries: (rows: unknown[]) => Skill[];
}

interface KeptList {
	entries: Promise<Skill[]>;
	fetchedAt: number;
	bytes: number;
}

/** Insertion order is use order: a list is moved to the end when used. */
const kept = new Map<string, KeptList>();
let keptBytes = 0;

function drop(key: string): void {
	const list = kept.get(key);
	if (!list) return;
	kept.delete(key);
	keptBytes -= list.bytes;
}

/** Drops the expired lists, then the least recently used until both bounds hold. */
function prune(now: number): void {
	for (const [key, list] of kept) if (now - list.fetchedAt > PICKER_LISTS.ttlMs) drop(key);
	for (const key of kept.keys()) {
		if (kept.size <= PICKER_LISTS.maxLists && keptBytes <= PICKER_LISTS.maxBytes) return;
		drop(key);
	}
}

/** Lists and estimated bytes kept (for tests and diagnostics). */
export function pickerCacheSize(): { lists: number; bytes: number } {
	return { lists: kept.size, bytes: keptBytes };
}

/**
 * The entries of a list, kept or fetched. Keystrokes that arrive while it is being fetched wait
 * for that request instead of sending their own.
 */
async function entriesOf(this: ILoadOptionsFunctions, source: ListSource): Promise<Skill[]> {
	const connection = await wolkvoxConnection.call(this);
	const key = `${connectionKey(connection)} ${source.api} ${source.idField}`;
	const now = Date.now();
	prune(now);
	const found = kept.get(key);
	if (found) {
		kept.delete(key);
		kept.set(key, found);
		return await found.entries;
	}
	const entries = wolkvoxGet
		.call(this, connection, apiPath('information.php'), { api: source.api })
		.then(source.entries);
	const list: KeptList = { entries, fetchedAt: now, bytes: 0 };
	kept.set(key, list);
	void entries.then(
		(loaded) => {
			if (kept.get(key) !== list) return;
			list.bytes = loaded.reduce((sum, entry) => sum + entryBytes(entry), 0);
			keptBytes += list.bytes;
			prune(Date.now());
		},
		// A list that could not be fetched is not kept: the next keystroke asks again.
		() => kept.get(key) === list && drop(key),
	);
	return await entries;
}

/** Where a page starts: the token n8n hands back is the index of its first entry. */
function pageStart(paginationToken: string | undefined): number {
	const start = Number(paginationToken ?? 0);
	return Number.isSafeInteger(start) && start > 0 ? start : 0;
}

/**
 * A picker's listSearch method: the entries of `source` matching the filter (name or id, any case
 * and accents), a page at a time; the special entries the report accepts (e.g. "All Skills") head
 * the first page when they match.
 */
export function pickerList(
	source: ListSource,
	specials: (this: ILoadOptionsFunctions) => INodeListSearchItems[],
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		try {
			const matching = filterSkills(await entriesOf.call(this, source), filter);
			const start = pageStart(paginationToken);
			const end = start + PICKER_LISTS.pageSize;
			const results = matching
				.slice(start, end)
				.map((entry) => ({ name: `${entry.name} (${entry.id})`, value: entry.id }));
			const head =
				start === 0
					? specials
							.call(this)
							.filter(
								(special) =>
									filterSkills([{ id: String(special.value), name: special.name }], filter).length >
									0,
							)
					: [];
			return {
				results: [...head, ...results],
				...(end < matching.length ? { paginationToken: String(end) } : {}),
			};
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0, await wolkvoxSecret.call(this));
		}
	};
}
