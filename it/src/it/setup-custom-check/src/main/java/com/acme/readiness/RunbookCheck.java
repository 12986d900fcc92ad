package com.acme.readiness;

import dev.readiness.check.Check;
import dev.readiness.check.CheckContext;
import dev.readiness.check.Param;
import dev.readiness.check.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The team's runbook exists: a custom check shipped as a plugin dependency. Fails when the file is missing. */
public final class RunbookCheck implements Check<RunbookCheck.Config> {

    public record Config(@Param("the runbook, relative to the project folder; default RUNBOOK.md") String file) {
        public Config {
            file = file == null ? "RUNBOOK.md" : file;
        }
    }

    @Override
    public String id() {
        return "runbook";
    }

    @Override
    public String description() {
        return "The service's runbook is written.";
    }

    @Override
    public List<String> phrases() {
        return List.of("Runbooks created");
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Result run(Config config, CheckContext context) {
        Path runbook = context.basedir().resolve(config.file());
        if (!Files.isRegularFile(runbook)) {
            return Result.fail("no runbook at " + config.file()).expected(config.file()).remedy("write " + config.file()).build();
        }
        return Result.pass("runbook " + config.file() + " is written").evidence("file", config.file()).build();
    }
}
