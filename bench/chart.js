// @ts-check
'use strict';

/** The bench's chart: for each size, wall time and peak memory of each way, relative to (b). */

const COLORS = { wolkvox: '#5b2bd9', httpSplit: '#8a8a8a', httpSplitTyped: '#d98b2b' };
const NAMES = /** @type {const} */ (['wolkvox', 'httpSplit', 'httpSplitTyped']);

/** @param {any} report @returns {string} SVG */
function renderChart(report) {
	const width = 760;
	const rowHeight = 64;
	const left = 170;
	const scaleMax = Math.max(
		1.2,
		...report.sizes.flatMap((/** @type {any} */ size) =>
			NAMES.flatMap((name) => [size[name].wallMs / size.httpSplit.wallMs, size[name].peakRssMb / size.httpSplit.peakRssMb]),
		),
	);
	const x = (/** @type {number} */ ratio) => left + (ratio / scaleMax) * (width - left - 70);
	const panels = ['wallMs', 'peakRssMb'];
	const height = 70 + panels.length * report.sizes.length * rowHeight + 40;
	let y = 50;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="10" y="22" font-size="15" font-weight="bold">Relative to HTTP Request + Split Out (= 1.0), medians of ${report.repetitions} runs; lower is better</text>`,
	];
	for (const panel of panels) {
		for (const size of report.sizes) {
			parts.push(`<text x="10" y="${y + 24}">${panel === 'wallMs' ? 'wall time' : 'peak RSS'}, ${size.rows.toLocaleString('en-US')} rows</text>`);
			NAMES.forEach((name, index) => {
				const ratio = size[name][panel] / size.httpSplit[panel];
				const top = y + index * 17;
				parts.push(`<rect x="${left}" y="${top}" width="${x(ratio) - left}" height="14" fill="${COLORS[name]}"/>`);
				parts.push(`<text x="${x(ratio) + 4}" y="${top + 11}">${ratio.toFixed(2)}×</text>`);
			});
			parts.push(`<line x1="${x(1)}" y1="${y - 3}" x2="${x(1)}" y2="${y + 52}" stroke="#000" stroke-dasharray="3,3"/>`);
			y += rowHeight;
		}
	}
	NAMES.forEach((name, index) => {
		parts.push(`<rect x="${10 + index * 250}" y="${height - 24}" width="12" height="12" fill="${COLORS[name]}"/>`);
		parts.push(`<text x="${26 + index * 250}" y="${height - 14}">${report.cases[name]}</text>`);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

module.exports = { renderChart };
