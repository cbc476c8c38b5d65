// @ts-check
const {
	secretRedactor,
	redactDeep,
	parsedWithoutSecret,
} = require('../../dist/nodes/shared/wolkvox/api/redact');

const TOKEN = 'Tok+en/Secret=42abcXYZ';
const redact = secretRedactor(TOKEN);
const base64 = Buffer.from(TOKEN).toString('base64');

describe('secretRedactor', () => {
	test.each([
		['as is', TOKEN],
		['upper-cased', TOKEN.toUpperCase()],
		['lower-cased', TOKEN.toLowerCase()],
		['URL-encoded', encodeURIComponent(TOKEN)],
		['URL-encoded, lower-case escapes', encodeURIComponent(TOKEN).toLowerCase()],
		['base64', base64],
		['base64 without padding', base64.replace(/=+$/, '')],
		['base64url', base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
		['a prefix of 8', TOKEN.slice(0, 8)],
		['a prefix of 15', TOKEN.slice(0, 15)],
		['a base64 prefix of 8', base64.slice(0, 8)],
	])('%s is blanked, and the text around it kept', (_name, form) => {
		const text = `before ${form} after`;
		const clean = redact(text);
		expect(clean).toBe('before *** after');
	});

	test('a prefix of 7 characters is too short to tell from chance and is kept', () => {
		expect(redact(`x ${TOKEN.slice(0, 7)} y`)).toBe(`x ${TOKEN.slice(0, 7)} y`);
	});

	test('several occurrences and forms in one text', () => {
		expect(redact(`${TOKEN}|${TOKEN.toUpperCase()}|${base64}`)).toBe('***|***|***');
	});

	test('an empty secret changes nothing; a short one is blanked whole', () => {
		expect(secretRedactor('')('anything')).toBe('anything');
		expect(secretRedactor('abc')('xabcx')).toBe('x***x');
	});

	test('regular-expression characters in the token are taken literally', () => {
		const tricky = secretRedactor('a.b*c+d?e(f)g[h]');
		expect(tricky('see a.b*c+d?e(f)g[h] here; axbxc stays')).toBe('see *** here; axbxc stays');
	});
});

describe('redactDeep', () => {
	test('texts and keys at any depth; clean values are returned as they are', () => {
		const clean = { hour: '07', nested: [{ n: 1 }] };
		expect(redactDeep(clean, redact)).toBe(clean);
		const dirty = { a: `x${TOKEN}`, [TOKEN]: 1, list: ['ok', { deep: TOKEN.toLowerCase() }], n: 5 };
		const result = redactDeep(dirty, redact);
		expect(result).toEqual({ a: 'x***', '***': 1, list: ['ok', { deep: '***' }], n: 5 });
		expect(JSON.stringify(result)).not.toMatch(/Tok\+en/i);
	});

	test('a "__proto__" key is kept as data, never as a prototype', () => {
		const row = JSON.parse(`{"__proto__": {"polluted": "${TOKEN}"}}`);
		const result = redactDeep(row, redact);
		expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
		expect(/** @type {any} */ ({}).polluted).toBeUndefined();
	});
});

describe('parsedWithoutSecret: what JSON.parse read from a text', () => {
	/** Every form the redactor knows, as the server may echo it. */
	const FORMS = [
		TOKEN,
		TOKEN.toUpperCase(),
		encodeURIComponent(TOKEN),
		base64,
		base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
		TOKEN.slice(0, 8),
	];
	/** JSON spellings of a text: as is, with every character \u-escaped, with "/" escaped (PHP's default). */
	const SPELLINGS = {
		plain: (/** @type {string} */ text) => JSON.stringify(text),
		unicodeEscaped: (/** @type {string} */ text) =>
			`"${[...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`,
		slashEscaped: (/** @type {string} */ text) => JSON.stringify(text).replace(/\//g, '\\/'),
		/** Its fourth character \u-escaped, upper-case hex: no 8-character piece is left as sent. */
		oneEscaped: (/** @type {string} */ text) => {
			const hex = text.charCodeAt(3).toString(16).padStart(4, '0').toUpperCase();
			const inner = (/** @type {string} */ part) => JSON.stringify(part).slice(1, -1);
			return `"${inner(text.slice(0, 3))}\\u${hex}${inner(text.slice(4))}"`;
		},
	};
	/** Where in a body a text may sit. */
	const PLACES = {
		'as a value': (/** @type {string} */ json) => `[{"agent":${json},"calls":"3"}]`,
		'as a key': (/** @type {string} */ json) => `[{${json}:"1"}]`,
		'nested in a list in a row': (/** @type {string} */ json) =>
			`[{"rows":[{"note":["x",${json}]}]}]`,
		'inside a longer text': (/** @type {string} */ json) =>
			`[{"agent":"Ana ${json.slice(1, -1)} P\\u00e9rez"}]`,
	};
	const cases = FORMS.flatMap((form) =>
		Object.entries(SPELLINGS).flatMap(([spelling, spell]) =>
			Object.entries(PLACES).map(([place, put]) => [form, spelling, place, put(spell(form))]),
		),
	);

	test.each(cases)('%s, %s, %s: no row holds it', (_form, _spelling, _place, body) => {
		const rows = parsedWithoutSecret(body, JSON.parse(body), redact);
		const text = JSON.stringify(rows);
		expect(redact(text)).toBe(text);
		expect(text).toContain('***');
	});

	/** Rows that throw when anything reads them: given back untouched means not walked. */
	const unread = () =>
		new Proxy([], {
			get() {
				throw new Error('the rows were walked');
			},
			ownKeys() {
				throw new Error('the rows were walked');
			},
		});

	test('a body holding no form and no escape gives its rows back untouched (no walk)', () => {
		const body = '[{"agent":"Ana","calls":"3"},{"agent":"Luis","calls":"4"}]';
		const rows = unread();
		expect(parsedWithoutSecret(body, rows, redact)).toBe(rows);
		expect(parsedWithoutSecret(body, rows, secretRedactor(''))).toBe(rows);
	});

	test('escapes that spell no character of any form (PHP\'s accents, "\\/", "\\n") are not walked', () => {
		const plainToken = 'abc123def456ghi7'; // its forms hold no "/", "+" or "%"
		const body = '[{"agent":"Ana Mar\\u00eda P\\u00C9rez","note":"a\\nb\\t","url":"x\\/y\\\\z"}]';
		expect(secretRedactor(plainToken).mayHoldInJson(body)).toBe(false);
		const rows = unread();
		expect(parsedWithoutSecret(body, rows, secretRedactor(plainToken))).toBe(rows);
	});

	test('every escape of a character of any form, in either letter case and hex case, is walked', () => {
		const forms = [TOKEN, encodeURIComponent(TOKEN), base64, ...FORMS];
		const characters = new Set(forms.join('').toLowerCase() + forms.join('').toUpperCase());
		/** @type {string[]} */
		const missed = [];
		for (const character of characters) {
			const hex = character.charCodeAt(0).toString(16).padStart(4, '0');
			const escapes = [
				`\\u${hex}`,
				`\\u${hex.toUpperCase()}`,
				JSON.stringify(character).slice(1, -1),
			];
			for (const escape of escapes.filter((text) => text.startsWith('\\')))
				if (!redact.mayHoldInJson(`[{"agent":"Ana ${escape} P"}]`)) missed.push(escape);
		}
		expect(characters.size).toBeGreaterThan(40);
		expect(missed).toEqual([]);
	});

	test('a token beyond ASCII: any escape is walked (letter case has more spellings there)', () => {
		expect(secretRedactor('clave-ñandú-secreta').mayHoldInJson('["\\u00e9"]')).toBe(true);
		expect(secretRedactor('clave-ñandú-secreta').mayHoldInJson('["\\/"]')).toBe(true);
	});

	test('property: a body the quick test passes has no row a redaction would change', () => {
		// Bodies stitched from pieces of the forms, escapes of their characters and of others.
		const pieces = [
			...FORMS.flatMap((form) => [form.slice(0, 5), form.slice(5, 12), form.slice(12)]),
			...[...'Tok+/=%2Fe'].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
			'\\/',
			'\\u00e9',
			'\\n',
			'\\\\',
			'Ana ',
			'x',
		];
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		let quick = 0;
		for (let round = 0; round < 5000; round++) {
			let text = '';
			const count = 1 + Math.floor(random() * 6);
			for (let index = 0; index < count; index++)
				text += pieces[Math.floor(random() * pieces.length)];
			const body = `[{"v":"${text}","${text}":"k"}]`;
			let rows;
			try {
				rows = JSON.parse(body);
			} catch {
				continue;
			}
			if (redact.mayHoldInJson(body)) continue;
			quick++;
			expect(redactDeep(rows, redact)).toBe(rows);
		}
		expect(quick).toBeGreaterThan(500);
	});
});
