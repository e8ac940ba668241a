/** Text with the filter's matches marked. */
import {Text} from 'ink';
import {type FilterQuery, highlight} from '../../commits/filter.js';
import {useBrowserTheme} from './theme.js';

export function Highlighted({
	text,
	query,
	color,
}: {
	readonly text: string;
	readonly query: FilterQuery | undefined;
	readonly color?: string;
}) {
	const theme = useBrowserTheme();
	if (query === undefined) {
		return <Text color={color}>{text}</Text>;
	}

	return (
		<Text color={color}>
			{highlight(text, query).map((segment, index) =>
				segment.match ? (
					// biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their place
					<Text key={index} {...theme.match}>
						{segment.text}
					</Text>
				) : (
					segment.text
				),
			)}
		</Text>
	);
}
