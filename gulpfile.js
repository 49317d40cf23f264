const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc emits only .js/.d.ts/.json; n8n loads icons from next to the compiled files.
function copyIcons(folder) {
	return function icons() {
		return src(`${folder}/**/*.{png,svg}`, { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	};
}

task('build:icons', parallel(copyIcons('nodes'), copyIcons('credentials')));
