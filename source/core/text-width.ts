/**
 * Text fitted to terminal columns by display width (wide characters take two), for lines laid
 * out as one string: the commit browser's rows (one Ink text node per row instead of a box per
 * column), the headless commit lines and the columns of `status --scan`.
 * Widths are string-width's, the measure Ink itself uses.
 */
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

export {stringWidth};

/** `text` cut to at most `width` columns, with an ellipsis where it was cut. */
export function cutToWidth(text: string, width: number): string {
	if (stringWidth(text) <= width) {
		return text;
	}

	const segments = Array.from(graphemes.segment(text), ({segment}) => segment);
	return `${fitting(segments, width - 1).join('')}…`;
}

/** `text` cut to at most `width` columns by dropping its start (a path keeps its end), with an ellipsis. */
export function cutStartToWidth(text: string, width: number): string {
	if (stringWidth(text) <= width) {
		return text;
	}

	const segments = Array.from(graphemes.segment(text), ({segment}) => segment).reverse();
	return `…${fitting(segments, width - 1)
		.reverse()
		.join('')}`;
}

/** The leading graphemes of `segments` that fit in `width` columns (never a wide one split). */
function fitting(segments: readonly string[], width: number): string[] {
	const kept: string[] = [];
	let used = 0;
	for (const segment of segments) {
		used += stringWidth(segment);
		if (used > width) break;
		kept.push(segment);
	}

	return kept;
}

/** The spaces that fill `text` out to `width` columns (none when it is as wide or wider). */
export function padding(text: string, width: number): string {
	return ' '.repeat(Math.max(0, width - stringWidth(text)));
}
