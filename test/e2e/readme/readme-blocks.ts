/**
 * The code blocks of a Markdown section, as the README test runs them. A fence's info string is the language,
 * then `key=value` attributes: `file=PATH` writes the block to PATH (relative to the project), `cwd=clone`
 * runs a shell block in the clone instead of the project.
 */
export interface CodeBlock {
  readonly language: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly body: string;
  /** The Markdown between the previous block (or the section's start) and this one. */
  readonly before: string;
}

/** The text of the `## heading` section, up to the next level-2 heading. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`no section "## ${heading}"`);
  const rest = markdown.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return end === -1 ? rest : rest.slice(0, end + 1);
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  let last = 0;
  for (let match = fence.exec(markdown); match !== null; match = fence.exec(markdown)) {
    const [language = '', ...words] = match[1]!.trim().split(/\s+/);
    const attributes: Record<string, string> = {};
    for (const word of words) {
      const eq = word.indexOf('=');
      if (eq > 0) attributes[word.slice(0, eq)] = word.slice(eq + 1);
    }
    blocks.push({ language, attributes, body: match[2]!, before: markdown.slice(last, match.index) });
    last = match.index + match[0].length;
  }
  return blocks;
}

/** Shell code that writes `body` to `file` exactly, under the directory in `$README_PROJECT`. */
export function writeFileScript(file: string, body: string): string {
  let delimiter = 'README_FILE_END';
  while (body.includes(delimiter)) delimiter += '_';
  const target = `"$README_PROJECT"/${shellWord(file)}`;
  const dir = file.includes('/')
    ? `"$README_PROJECT"/${shellWord(file.slice(0, file.lastIndexOf('/')))}`
    : '';
  return [
    ...(dir === '' ? [] : [`mkdir -p ${dir}`]),
    `cat > ${target} <<'${delimiter}'`,
    body.endsWith('\n') ? body.slice(0, -1) : body,
    delimiter,
  ].join('\n');
}

function shellWord(value: string): string {
  if (!/^[A-Za-z0-9_./-]+$/.test(value) || value.split('/').includes('..')) {
    throw new Error(`a README file path must be a plain relative path, not ${JSON.stringify(value)}`);
  }
  return value;
}
