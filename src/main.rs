fn main() -> std::process::ExitCode {
    doclint::cli::main()
}
