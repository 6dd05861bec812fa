// config-reader: the primer's WASI file-access pattern, as a real module.
// Purpose: reads /data/config.json, prints "Config: <contents>", writes "processed data" to /data/output.txt.
// Demonstrates: a guest can open a path only through a directory the host granted (wasmtime --dir ./data::/data,
// wasmedge --dir /data:./data). Without the grant Rust's std finds no preopen covering /data and returns an
// error; `expect` then panics. On wasm32-wasi a panic aborts: the message goes to stderr, then std calls
// abort(), which executes `unreachable`, so the runtime reports a trap (wasmtime: exit status 134).
// Built with Debian's rustc 1.63 from the path src/main.rs, so panic locations read like a cargo project.
use std::fs;
use std::io::Write;

fn main() {
    // Works only if the host granted a directory at guest path /data.
    let data = fs::read_to_string("/data/config.json")
        .expect("Cannot read /data/config.json — was --dir=/data granted?");
    println!("Config: {}", data);

    // Needs the same grant, and it must be writable (wasmedge's :readonly would refuse it).
    let mut file = fs::File::create("/data/output.txt")
        .expect("Cannot create /data/output.txt — is /data granted and writable?");
    file.write_all(b"processed data")
        .expect("Cannot write /data/output.txt");
}
