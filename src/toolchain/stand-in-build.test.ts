import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAND_INS, goFixedOutput, goShape, matchProgram, standInLine } from './stand-in-build';

describe('the stand-in data', () => {
  it.each(STAND_INS.go.map((p) => [p.module, p]))('the Go program for %s is the committed file', (_, p) => {
    expect(p.text).toBe(readFileSync(new URL(`../../${p.sourcePath}`, import.meta.url), 'utf8'));
  });

  it('matches a program up to layout and comments, never a changed one', () => {
    const hello = STAND_INS.go[0]!;
    expect(matchProgram(STAND_INS.go, hello.text)?.module).toBe('hello');
    expect(matchProgram(STAND_INS.go, 'package main; import "fmt"; func main() { fmt.Println("Hello, world!") }')?.module).toBe('hello');
    expect(matchProgram(STAND_INS.go, 'package main\n// hi\nimport "fmt"\nfunc main() {\n\tfmt.Println( "Hello, world!" )\n}\n')?.module).toBe(
      'hello',
    );
    expect(matchProgram(STAND_INS.go, hello.text.replace('Println("Hello, world!")', 'Println("Hello, Dojo!")'))).toBeUndefined();
    expect(matchProgram(STAND_INS.go, hello.text.replace('fmt.Println', 'fmt.Print'))).toBeUndefined();
    expect(goShape('a := "x // not  a comment" // one')).toBe('a:=\u0000"x // not  a comment"\u0000');
    expect(matchProgram(STAND_INS.go, hello.text.replace('Println("Hello, world!")', 'Println("Hello,  world!")'))).toBeUndefined();
  });

  it('reads the fixed output of a main that only prints', () => {
    expect(goFixedOutput('package main\nimport "fmt"\nfunc main() {\n fmt.Println("Hi")\n fmt.Print("a\\tb")\n}\n')).toBe('Hi\na\tb');
    expect(goFixedOutput('package main\nfunc main() { println("x") }')).toBe('x\n');
    expect(goFixedOutput('package main\nimport "fmt"\nfunc main() { fmt.Println(1 + 2) }')).toBeNull();
    expect(goFixedOutput('package lib\nfunc main() { println("x") }')).toBeNull();
    expect(goFixedOutput('package main\nfunc main() { println("x"); os.Exit(3) }')).toBeNull();
  });

  it('says in one dim line what was placed', () => {
    expect(standInLine([{ path: 'a.wasm', what: 'the precompiled hello module' }], false)).toBe(
      'dojo: simulated build, nothing was compiled: a.wasm <- the precompiled hello module\n',
    );
    expect(standInLine([{ path: 'a', what: 'b' }], true)).toBe('\x1b[2mdojo: simulated build, nothing was compiled: a <- b\x1b[0m\n');
  });
});
