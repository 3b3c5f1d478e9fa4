// Reading the README's code blocks, for the tests that compile and run them.

export interface Block {
  lang: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** The README's fenced code blocks, with their language tag ('' for none). */
export function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: { lang: string; line: number; lines: string[] } | undefined;
  markdown.split('\n').forEach((line, i) => {
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!open && fence) open = { lang: fence[1] ?? '', line: i + 1, lines: [] };
    else if (open && line === '```') {
      blocks.push({ lang: open.lang, text: `${open.lines.join('\n')}\n`, line: open.line });
      open = undefined;
    } else open?.lines.push(line);
  });
  if (open) throw new Error(`README.md:${open.line}: a code block is not closed`);
  return blocks;
}
