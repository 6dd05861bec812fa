/**
 * The templates `spin new` offers, as the Dojo writes them. Names, descriptions, parameters and each
 * spin.toml follow what real Spin (v3.0.0 templates) writes, except the Rust templates' build target:
 * Spin v3.1.0 and later write `wasm32-wasip1` (templates/http-rust/content/spin.toml, otherwise unchanged),
 * and the Dojo's Rust 1.95 no longer has the `wasm32-wasi` that v3.0.0's templates name, so a v3.0.0
 * scaffold could not build with it. The source files are short stand-ins written for the Dojo (the build is simulated, and the module
 * that then runs is one of our precompiled WAGI components).
 */
export interface TemplateParameterData {
  id: string;
  prompt: string;
  default?: string;
  pattern?: string;
  allowed?: string[];
}

export interface TemplateData {
  id: string;
  description: string;
  tags: string[];
  /** Where the files come from (repository and tag). */
  source: string;
  parameters: TemplateParameterData[];
  /** Path (relative to the new app) -> content with {{ placeholders }}. */
  files: Record<string, string>;
}

export const TEMPLATE_DATA: TemplateData[] = [
  {
    id: 'http-c',
    description: 'HTTP request handler using C and the Zig toolchain',
    tags: ['http', 'c'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': 'main.wasm\n.spin/\n',
      'main.c':
        '// A WAGI handler: Spin passes the request in CGI variables, the reply goes to stdout.\n#include <stdio.h>\n\nint main(void) {\n    printf("content-type: text/plain\\n\\n");\n    printf("Hello from C!\\n");\n    return 0;\n}\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\nexecutor = { type = "wagi" }\n\n[component.{{project-name | kebab_case}}]\nsource = "main.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "zig build-exe -O ReleaseSmall -target wasm32-wasi main.c -lc"\nwatch = ["**/*.c"]\n',
    },
  },
  {
    id: 'http-empty',
    description: 'HTTP application with no components',
    tags: ['http'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
    ],
    files: {
      '.gitignore': 'main.wasm\n.spin/\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n',
    },
  },
  {
    id: 'http-go',
    description: 'HTTP request handler using (Tiny)Go',
    tags: ['http', 'go'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': 'main.wasm\n.spin/\n',
      'go.mod': 'module github.com/{{project-name | snake_case}}\n\ngo 1.20\n\nrequire github.com/fermyon/spin/sdk/go/v2 v2.2.0\n',
      'main.go':
        'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\n\tspinhttp "github.com/fermyon/spin/sdk/go/v2/http"\n)\n\n// init registers the handler Spin calls for every request on this component\'s route.\nfunc init() {\n\tspinhttp.Handle(func(w http.ResponseWriter, r *http.Request) {\n\t\tw.Header().Set("Content-Type", "text/plain")\n\t\tfmt.Fprintln(w, "Hello from Go!")\n\t})\n}\n\nfunc main() {}\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "main.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "tinygo build -target=wasi -gc=leaking -no-debug -o main.wasm main.go"\nwatch = ["**/*.go", "go.mod"]\n',
    },
  },
  {
    id: 'http-grain',
    description: 'HTTP request handler using Grain',
    tags: ['http', 'grain'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': 'main.wasm\nmain.gr.wasm\ntarget/\n.spin/\n',
      'main.gr':
        'module Main\n\n// WAGI: headers, a blank line, then the body, all on stdout.\nprint("content-type: text/plain")\nprint("")\nprint("Hello from Grain!")\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\nexecutor = { type = "wagi" }\n\n[component.{{project-name | kebab_case}}]\nsource = "main.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "grain compile --release --use-start-section -o main.wasm main.gr"\nwatch = ["**/*.gr"]\n',
    },
  },
  {
    id: 'http-js',
    description: 'HTTP request handler using JavaScript',
    tags: [],
    source: 'spinframework/spin-js-sdk v2.3.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
      {
        id: 'enable-aot',
        prompt: 'Enable AoT Compilation [y/N]',
        default: 'N',
        pattern: '^[yYnN]$',
      },
    ],
    files: {
      '.gitignore': 'node_modules\ndist\ntarget\n.spin/\ndist.js',
      'package.json':
        '{\n  "name": "{{project-name | kebab_case}}",\n  "version": "1.0.0",\n  "description": "{{project-description}}",\n  "type": "module",\n  "scripts": {\n    "build": "spin js2wasm -o target/{{project-name | kebab_case}}.wasm src/index.js"\n  },\n  "dependencies": {\n    "@fermyon/spin-sdk": "^2.3.0"\n  }\n}\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\nname = "{{project-name}}"\nversion = "0.1.0"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "target/{{project-name | kebab_case}}.wasm"\nexclude_files = ["**/node_modules"]\n[component.{{project-name | kebab_case}}.build]\ncommand = "npm run build"\nwatch = ["src/**/*.ts", "package.json"]',
      'src/index.js':
        "// Answers every request on this component's route with a short greeting.\nexport async function handler(_req, res) {\n  res.status(200);\n  res.set({ 'content-type': 'text/plain' });\n  res.send('Hello from JavaScript!');\n}\n",
    },
  },
  {
    id: 'http-php',
    description: 'HTTP request handler using PHP',
    tags: ['http', 'php'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': '.spin/\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\nexecutor = { type = "wagi" }\n\n[component.{{project-name | kebab_case}}]\nfiles = [{ source = "./src", destination = "/" }]\nallowed_outbound_hosts = []\n\n[component.{{project-name | kebab_case}}.source]\nurl = "https://github.com/vmware-labs/webassembly-language-runtimes/releases/download/php%2F8.2.6%2B20230714-11be424/php-cgi-8.2.6-slim.wasm"\ndigest = "sha256:4fd2e8c42ae529ba72f88a0f1e46de1fc69a4b4f01e01fedd65ca966b8ffe6fa"\n',
      'src/index.php': '<?php\n// Served by the PHP CGI runtime named in spin.toml.\necho "Hello from PHP!\\n";\n',
    },
  },
  {
    id: 'http-py',
    description: 'HTTP request handler using Python',
    tags: ['http', 'python', 'py'],
    source: 'spinframework/spin-python-sdk 5a67685',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': '__pycache__\n*.wasm\n.spin',
      'app.py':
        '# The class Spin calls for each request on this component\'s route.\nfrom spin_sdk import http\nfrom spin_sdk.http import Request, Response\n\n\nclass IncomingHandler(http.IncomingHandler):\n    def handle_request(self, request: Request) -> Response:\n        return Response(200, {"content-type": "text/plain"}, bytes("Hello from Python!", "utf-8"))\n',
      'requirements.txt': 'spin-sdk\ncomponentize-py\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\nname = "{{project-name}}"\nversion = "0.1.0"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "app.wasm"\n[component.{{project-name | kebab_case}}.build]\ncommand = "componentize-py -w spin-http componentize app -o app.wasm"\nwatch = ["*.py", "requirements.txt"]\n',
    },
  },
  {
    id: 'http-rust',
    description: 'HTTP request handler using Rust',
    tags: ['http', 'rust'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': 'target/\n.spin/\n',
      'Cargo.toml':
        '[package]\nname = "{{project-name | kebab_case}}"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\n# Spin loads the component as a library, not a program with main().\ncrate-type = ["cdylib"]\n\n[dependencies]\nanyhow = "1"\nspin-sdk = "3.0.1"\n\n[workspace]\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "target/wasm32-wasip1/release/{{project-name | snake_case}}.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "cargo build --target wasm32-wasip1 --release"\nwatch = ["src/**/*.rs", "Cargo.toml"]\n',
      'src/lib.rs':
        'use spin_sdk::http::{IntoResponse, Request, Response};\nuse spin_sdk::http_component;\n\n/// Spin calls this for every request on the component\'s route.\n#[http_component]\nfn handle_{{project-name | snake_case}}(req: Request) -> anyhow::Result<impl IntoResponse> {\n    println!("Handling request to {:?}", req.header("spin-full-url"));\n    Ok(Response::builder()\n        .status(200)\n        .header("content-type", "text/plain")\n        .body("Hello, Fermyon")\n        .build())\n}\n',
    },
  },
  {
    id: 'http-ts',
    description: 'HTTP request handler using TypeScript',
    tags: [],
    source: 'spinframework/spin-js-sdk v2.3.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
      {
        id: 'enable-aot',
        prompt: 'Enable AoT Compilation [y/N]',
        default: 'N',
        pattern: '^[yYnN]$',
      },
    ],
    files: {
      '.gitignore': 'node_modules\ndist\ntarget\n.spin/\ndist.js',
      'package.json':
        '{\n  "name": "{{project-name | kebab_case}}",\n  "version": "1.0.0",\n  "description": "{{project-description}}",\n  "type": "module",\n  "scripts": {\n    "build": "tsc && spin js2wasm -o target/{{project-name | kebab_case}}.wasm dist/index.js"\n  },\n  "dependencies": {\n    "@fermyon/spin-sdk": "^2.3.0"\n  },\n  "devDependencies": {\n    "typescript": "^5.0.0"\n  }\n}\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\nname = "{{project-name}}"\nversion = "0.1.0"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "target/{{project-name | kebab_case}}.wasm"\nexclude_files = ["**/node_modules"]\n[component.{{project-name | kebab_case}}.build]\ncommand = "npm run build"\nwatch = ["src/**/*.ts", "package.json"]',
      'src/index.ts':
        "import { ResponseBuilder } from '@fermyon/spin-sdk';\n\n// Answers every request on this component's route with a short greeting.\nexport async function handler(_req: Request, res: ResponseBuilder) {\n  res.status(200);\n  res.set({ 'content-type': 'text/plain' });\n  res.send('Hello from TypeScript!');\n}\n",
      'tsconfig.json':
        '{\n  "compilerOptions": {\n    "target": "ES2020",\n    "module": "ES2020",\n    "strict": true,\n    "outDir": "dist"\n  },\n  "include": ["src"]\n}\n',
    },
  },
  {
    id: 'http-zig',
    description: 'HTTP request handler using Zig',
    tags: ['http', 'zig'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/...',
        pattern: '^/\\S*$',
      },
    ],
    files: {
      '.gitignore': 'main.wasm\nsrc/zig-cache/\n.spin/\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{http-path}}"\ncomponent = "{{project-name | kebab_case}}"\nexecutor = { type = "wagi" }\n\n[component.{{project-name | kebab_case}}]\nsource = "main.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "zig build-exe -O ReleaseSmall -target wasm32-wasi src/main.zig"\nwatch = ["src/**/*.zig"]\n',
      'src/main.zig':
        '// WAGI: headers, a blank line, then the body, all on stdout.\nconst std = @import("std");\n\npub fn main() !void {\n    const out = std.io.getStdOut().writer();\n    try out.print("content-type: text/plain\\n\\nHello from Zig!\\n", .{});\n}\n',
    },
  },
  {
    id: 'redirect',
    description: 'Redirects a HTTP route',
    tags: ['redirect'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'redirect-from',
        prompt: 'Redirect from',
        pattern: '^/\\S*$',
      },
      {
        id: 'redirect-to',
        prompt: 'Redirect to',
      },
    ],
    files: {
      '.gitignore': '.spin/\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{ redirect-from }}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = { url = "https://github.com/fermyon/spin-redirect/releases/download/v0.1.0/redirect.wasm", digest = "sha256:8bee959843f28fef2a02164f5840477db81d350877e1c22cb524f41363468e52" }\nenvironment = { DESTINATION = "{{ redirect-to }}" }\n',
    },
  },
  {
    id: 'redis-go',
    description: 'Redis message handler using (Tiny)Go',
    tags: ['redis', 'go'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'redis-address',
        prompt: 'Redis address',
        default: 'redis://localhost:6379',
      },
      {
        id: 'redis-channel',
        prompt: 'Redis channel',
      },
    ],
    files: {
      '.gitignore': 'main.wasm\n.spin/\n',
      'go.mod': 'module github.com/{{project-name | snake_case}}\n\ngo 1.20\n\nrequire github.com/fermyon/spin/sdk/go/v2 v2.2.0\n',
      'main.go':
        'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/fermyon/spin/sdk/go/v2/redis"\n)\n\n// init registers the handler Spin calls for every message on the subscribed channel.\nfunc init() {\n\tredis.Handle(func(payload []byte) error {\n\t\tfmt.Println("Payload::::", string(payload))\n\t\treturn nil\n\t})\n}\n\nfunc main() {}\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[application.trigger.redis]\naddress = "{{redis-address}}"\n\n[[trigger.redis]]\nchannel = "{{redis-channel}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "main.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "tinygo build -target=wasi -gc=leaking -no-debug -o main.wasm main.go"\n',
    },
  },
  {
    id: 'redis-rust',
    description: 'Redis message handler using Rust',
    tags: ['redis', 'rust'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'redis-address',
        prompt: 'Redis address',
        default: 'redis://localhost:6379',
      },
      {
        id: 'redis-channel',
        prompt: 'Redis channel',
      },
    ],
    files: {
      '.gitignore': 'target/\n.spin/\n',
      'Cargo.toml':
        '[package]\nname = "{{project-name | kebab_case}}"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nanyhow = "1"\nbytes = "1"\nspin-sdk = "3.0.1"\n\n[workspace]\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[application.trigger.redis]\naddress = "{{redis-address}}"\n\n[[trigger.redis]]\nchannel = "{{redis-channel}}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = "target/wasm32-wasip1/release/{{project-name | snake_case}}.wasm"\nallowed_outbound_hosts = []\n[component.{{project-name | kebab_case}}.build]\ncommand = "cargo build --target wasm32-wasip1 --release"\nwatch = ["src/**/*.rs", "Cargo.toml"]\n',
      'src/lib.rs':
        'use anyhow::Result;\nuse bytes::Bytes;\nuse spin_sdk::redis_component;\n\n/// Spin calls this for every message published on the subscribed channel.\n#[redis_component]\nfn on_message(message: Bytes) -> Result<()> {\n    println!("{}", std::str::from_utf8(&message)?);\n    Ok(())\n}\n',
    },
  },
  {
    id: 'static-fileserver',
    description: 'Serves static files from an asset directory',
    tags: ['http', 'file', 'static', 'asset'],
    source: 'spinframework/spin v3.0.0',
    parameters: [
      {
        id: 'project-description',
        prompt: 'Description',
        default: '',
      },
      {
        id: 'http-path',
        prompt: 'HTTP path',
        default: '/static/...',
        pattern: '^/\\S*$',
      },
      {
        id: 'files-path',
        prompt: 'Directory containing the files to serve',
        default: 'assets',
        pattern: '^\\S+$',
      },
    ],
    files: {
      '.gitignore': '.spin/\n',
      'spin.toml':
        'spin_manifest_version = 2\n\n[application]\nname = "{{project-name | kebab_case}}"\nversion = "0.1.0"\nauthors = ["{{authors}}"]\ndescription = "{{project-description}}"\n\n[[trigger.http]]\nroute = "{{ http-path | http_wildcard }}"\ncomponent = "{{project-name | kebab_case}}"\n\n[component.{{project-name | kebab_case}}]\nsource = { url = "https://github.com/fermyon/spin-fileserver/releases/download/v0.3.0/spin_static_fs.wasm", digest = "sha256:ef88708817e107bf49985c7cefe4dd1f199bf26f6727819183d5c996baa3d148" }\nfiles = [{ source = "{{ files-path }}", destination = "/" }]\n',
    },
  },
];
