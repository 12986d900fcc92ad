package dev.readiness.maven;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Claim;
import dev.readiness.check.Result;
import java.util.List;

/**
 * A custom check with two claims, registered for the mojo tests only (src/test/resources/META-INF/services):
 * backups are taken (its main claim, PASS) and they restore (backup.restore, FAIL), so the level of one
 * claim can be set apart from the other's.
 */
public final class BackupCheck implements Check<BackupCheck.Config> {

    /** No parameters besides the common ones. */
    public record Config() {
    }

    @Override
    public String id() {
        return "backup";
    }

    @Override
    public String description() {
        return "A backup was taken within the last day.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Backups are taken daily");
    }

    @Override
    public List<Claim> claims() {
        return List.of(Claim.settles(id(), description(), phrases()),
                Claim.settles("backup.restore", "The last restore drill brought the data back.", List.of("Backups restore cleanly")));
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Result run(Config config, CheckContext context) {
        return Result.pass("last backup 2h ago")
                .claim("backup.restore", Result.fail("the last restore drill failed").remedy("run the restore drill again").build())
                .build();
    }
}
