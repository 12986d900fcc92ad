// Shared by the ITs' prebuild scripts: makes the project a git repository of its own (it is copied under this
// repository's build folder, which git ignores), commits every file .gitignore does not exclude, and tags commits;
// git runs one more git command in it.
def git(File basedir, String... args) {
    def process = (['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false',
                    '-c', 'tag.gpgsign=false'] + args.toList()).execute(null, basedir)
    process.waitForProcessOutput(System.out, System.err)
    assert process.exitValue() == 0 : "git ${args.join(' ')}"
}

def commitAll(File basedir) {
    git(basedir, 'init', '-q')
    git(basedir, 'add', '-A')
    git(basedir, 'commit', '-q', '-m', 'initial')
}

/** Commits the work tree as it is (an empty commit when nothing changed) and tags that commit. */
def commitAndTag(File basedir, String message, String tag) {
    git(basedir, 'add', '-A')
    git(basedir, 'commit', '-q', '--allow-empty', '-m', message)
    git(basedir, 'tag', '-a', tag, '-m', message)
}

return this
