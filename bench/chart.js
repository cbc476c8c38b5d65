// @ts-check
'use strict';

/**
 * The bench's chart: for each size, wall time and peak memory of each way, relative to (b). The axis stops at 2×: a longer bar ends in a zigzag and is labelled with its value.
 */

const COLORS = { wolkvox: '#5b2bd9', httpSplit: '#8a8a8a', httpSplitTyped: '#d98b2b' };
const { WAYS } = require('./shared');

/** @param {any} report @returns {string} SVG */
function renderChart(report) {
	const width = 760;
	const rowHeight = 64;
	const left = 170;
	const scaleMax = 2;
	const x = (/** @type {number} */ ratio) => left + (ratio / scaleMax) * (width - left - 70);
	const panels = ['wallMs', 'peakRssMb'];
	const panelNames = { wallMs: 'wall time', peakRssMb: 'peak RSS' };
	const height = 70 + panels.length * report.sizes.length * rowHeight + 40;
	let y = 50;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="10" y="22" font-size="15" font-weight="bold">Relative to HTTP Request + Split Out (= 1.0), medians of ${report.repetitions} runs; lower is better</text>`,
	];
	for (const panel of panels) {
		for (const size of report.sizes) {
			parts.push(
				`<text x="10" y="${y + 24}">${panelNames[panel]}, ${size.rows.toLocaleString('en-US')} rows</text>`,
			);
			WAYS.forEach((name, index) => {
				const ratio = size[name][panel] / size.httpSplit[panel];
				const top = y + index * 17;
				const end = x(Math.min(ratio, scaleMax));
				parts.push(
					`<rect x="${left}" y="${top}" width="${end - left}" height="14" fill="${COLORS[name]}"/>`,
				);
				if (ratio > scaleMax)
					parts.push(
						`<path d="M${end - 6} ${top} l4 3.5 -4 3.5 4 3.5 -4 3.5" stroke="#fff" stroke-width="2" fill="none"/>`,
					);
				parts.push(`<text x="${end + 4}" y="${top + 11}">${ratio.toFixed(2)}×</text>`);
			});
			parts.push(
				`<line x1="${x(1)}" y1="${y - 3}" x2="${x(1)}" y2="${y + 52}" stroke="#000" stroke-dasharray="3,3"/>`,
			);
			y += rowHeight;
		}
	}
	WAYS.forEach((name, index) => {
		parts.push(
			`<rect x="${10 + index * 250}" y="${height - 24}" width="12" height="12" fill="${COLORS[name]}"/>`,
		);
		parts.push(`<text x="${26 + index * 250}" y="${height - 14}">${report.cases[name]}</text>`);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

module.exports = { renderChart };
