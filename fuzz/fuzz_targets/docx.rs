#![no_main]

#[path = "../../tests/support/props.rs"]
mod props;

libfuzzer_sys::fuzz_target!(|data: &[u8]| props::docx(data));
