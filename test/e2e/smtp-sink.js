// @ts-check
'use strict';

/**
 * A minimal SMTP server on loopback that accepts every message and keeps it, so the e-mail example
 * can be delivered for real and its content checked. Speaks just enough of RFC 5321 for nodemailer
 * (n8n's Send Email): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH.
 */

const net = require('node:net');

/** @typedef {{ from: string, to: string[], data: string }} Message */

/** @returns {Promise<{ port: number, messages: Message[], close: () => Promise<void> }>} */
async function startSmtpSink() {
	/** @type {Message[]} */
	const messages = [];
	const server = net.createServer((socket) => {
		socket.setEncoding('utf8');
		/** @type {Message} */
		let message = { from: '', to: [], data: '' };
		let buffer = '';
		let inData = false;
		const reply = (/** @type {string} */ line) => socket.write(`${line}\r\n`);
		reply('220 wolkvox-e2e SMTP sink');
		socket.on('data', (chunk) => {
			buffer += chunk;
			let end;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						messages.push(message);
						message = { from: '', to: [], data: '' };
						reply('250 queued');
					} else message.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-wolkvox-e2e\r\n250 8BITMIME');
				else if (verb === 'HELO') reply('250 wolkvox-e2e');
				else if (verb === 'MAIL') ((message.from = line.slice(10).trim()), reply('250 ok'));
				else if (verb === 'RCPT') (message.to.push(line.slice(8).trim()), reply('250 ok'));
				else if (verb === 'DATA') ((inData = true), reply('354 end with <CRLF>.<CRLF>'));
				else if (verb === 'RSET') ((message = { from: '', to: [], data: '' }), reply('250 ok'));
				else if (verb === 'NOOP') reply('250 ok');
				else if (verb === 'QUIT') (reply('221 bye'), socket.end());
				else reply('502 not implemented');
			}
		});
		socket.on('error', () => socket.destroy());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {net.AddressInfo} */ (server.address());
	return {
		port,
		messages,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startSmtpSink };
