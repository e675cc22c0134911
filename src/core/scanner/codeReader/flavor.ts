// The languages the code reader tells apart: each one changes what a bracket or an `=` means.
export type CodeFlavor = 'python' | 'javascript' | 'java' | 'kotlin' | 'go' | 'json' | 'toml' | 'shell' | 'generic';
