// Shared by the ITs' prebuild scripts that need a git repository: commitAll makes the project a git repository of its
// own (it is copied under this repository's build folder, which git ignores) and commits every file .gitignore does not
// exclude; command runs one more git command in it (a tag, a later commit).
def command(File basedir, String... args) {
    def process = (['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false',
                    '-c', 'tag.gpgsign=false'] + args.toList()).execute(null, basedir)
    process.waitForProcessOutput(System.out, System.err)
    assert process.exitValue() == 0 : "git ${args.join(' ')}"
}

def commitAll(File basedir) {
    command(basedir, 'init', '-q')
    command(basedir, 'add', '-A')
    command(basedir, 'commit', '-q', '-m', 'initial')
}

return this
