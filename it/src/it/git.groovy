// Shared by the secrets ITs' prebuild scripts: makes the project a git repository of its own (it is copied under
// this repository's build folder, which git ignores) and commits every file .gitignore does not exclude.
def commitAll(File basedir) {
    def git = { String... args ->
        def process = (['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList())
                .execute(null, basedir)
        process.waitForProcessOutput(System.out, System.err)
        assert process.exitValue() == 0 : "git ${args.join(' ')}"
    }
    git('init', '-q')
    git('add', '-A')
    git('commit', '-q', '-m', 'initial')
}

return this
