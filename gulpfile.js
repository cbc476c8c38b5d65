// Copies what `tsc` does not emit into dist/: the icons and each node's codex JSON.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports.default = parallel(copyIcons, copyCodex);
