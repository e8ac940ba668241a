/**
 * Copying through the terminal itself: OSC 52 asks the terminal emulator to put text on
 * the system clipboard, so `y` works over SSH and without xclip/pbcopy. Terminals that
 * do not support it ignore the sequence; tmux passes it on with `set -g set-clipboard on`.
 */

/** `ESC ] 52 ; c ; base64(text) BEL`: the form xterm, iTerm2, kitty, WezTerm, Windows Terminal and tmux accept. */
export function osc52Sequence(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Writes the copy request to the terminal; no visible output, the cursor does not move. */
export function copyWithOsc52(stream: {write(chunk: string): unknown}, text: string): void {
	stream.write(osc52Sequence(text));
}
