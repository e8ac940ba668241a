/**
 * A line of styled spans drawn as one Ink text node (nested texts add no layout nodes). Pure
 * code composes the spans (the commit browser's screen-lines.ts); this draws them, and the
 * browser's first paint writes the same spans before Ink has loaded.
 */
import {Text} from 'ink';

export type SpanStyle = {
	readonly color?: string | undefined;
	readonly backgroundColor?: string | undefined;
	readonly bold?: boolean | undefined;
	readonly inverse?: boolean | undefined;
	readonly underline?: boolean | undefined;
};

export type Span = SpanStyle & {readonly text: string};

/** A line: its spans and the style of the whole line (a cursor row's, say). */
export type Line = {readonly style: SpanStyle; readonly spans: readonly Span[]};

export function StyledLine({line}: {readonly line: Line}) {
	return (
		<Text wrap="truncate-end" {...line.style}>
			{line.spans.map((span, index) =>
				span.text === '' ? null : (
					<Text
						// biome-ignore lint/suspicious/noArrayIndexKey: a span has no identity beyond its place
						key={index}
						color={span.color}
						backgroundColor={span.backgroundColor}
						bold={span.bold}
						inverse={span.inverse}
						underline={span.underline}
					>
						{span.text}
					</Text>
				),
			)}
		</Text>
	);
}
