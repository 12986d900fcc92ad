package dev.readiness.checks.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpdxLicensesTest {

    private final SpdxLicenses spdx = SpdxLicenses.shipped();

    /** Names and URLs as real POMs of Maven Central write them (the POM each row comes from is named). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # source POM                  | <name>                                                    | <url>                                                   | SPDX ids                               | by
            commons-io 2.x (apache parent) | The Apache Software License, Version 2.0                  | http://www.apache.org/licenses/LICENSE-2.0.txt          | Apache-2.0                             | URL
            org.apache:apache:33           | Apache-2.0                                                | https://www.apache.org/licenses/LICENSE-2.0.txt         | Apache-2.0                             | SPDX id
            guava                          | Apache License, Version 2.0                               | http://www.apache.org/licenses/LICENSE-2.0.txt          | Apache-2.0                             | URL
            rocksdbjni 9.8.4               | Apache License 2.0                                        | http://www.apache.org/licenses/LICENSE-2.0.html         | Apache-2.0                             | SPDX name
            junit-jupiter-api 5.11.3       | Eclipse Public License v2.0                               | https://www.eclipse.org/legal/epl-v20.html              | EPL-2.0                                | URL
            jakarta ee4j project           | Eclipse Public License - v 2.0                            | https://www.eclipse.org/legal/epl-2.0/                  | EPL-2.0                                | URL
            logback-parent 1.5.18          | Eclipse Public License - v 1.0                            | http://www.eclipse.org/legal/epl-v10.html               | EPL-1.0                                | URL
            logback-parent 1.5.18          | GNU Lesser General Public License                         | http://www.gnu.org/licenses/old-licenses/lgpl-2.1.html  | LGPL-2.1-only LGPL-2.1-or-later        | URL
            slf4j-api                      | MIT License                                               | http://www.opensource.org/licenses/mit-license.php      | MIT                                    | SPDX name
            mockito-core                   | The MIT License                                           | http://opensource.org/licenses/MIT                      | MIT                                    | URL
            asm 9.8                        | BSD-3-Clause                                              | https://asm.ow2.io/license.html                         | BSD-3-Clause                           | SPDX id
            jakarta.activation (EDL)       | EDL 1.0                                                   | http://www.eclipse.org/org/documents/edl-v10.php        | BSD-3-Clause                           | URL
            jna 5.13.0                     | LGPL-2.1-or-later                                         | https://www.gnu.org/licenses/old-licenses/lgpl-2.1      | LGPL-2.1-or-later                      | SPDX id
            HdrHistogram 2.2.2             | BSD-2-Clause                                              | https://opensource.org/licenses/BSD-2-Clause            | BSD-2-Clause                           | SPDX id
            checker-qual 2.0.0             | GNU General Public License, version 2 (GPL2), with the classpath exception | http://www.gnu.org/software/classpath/license.html | GPL-2.0-with-classpath-exception | URL
            javax.annotation-api 1.3.2     | CDDL + GPLv2 with classpath exception                     | https://github.com/javaee/javax.annotation/blob/master/LICENSE | -                               | nothing
            rocksdbjni 9.8.4               | GNU General Public License, version 2                     | http://www.gnu.org/licenses/gpl-2.0.html                | -                                      | nothing
            HdrHistogram 2.2.2             | Public Domain, per Creative Commons CC0                   | http://creativecommons.org/publicdomain/zero/1.0/       | -                                      | nothing
            """)
    void mapsWhatRealPomsSayToSpdxIds(String pom, String name, String url, String ids, String by) {
        SpdxLicenses.Match match = spdx.match(name, url);

        assertThat(match.ids()).as(pom).containsExactlyElementsOf(ids == null ? List.of() : Arrays.asList(ids.split(" ")));
        assertThat(match.by()).isEqualTo(by);
    }

    @ParameterizedTest
    @CsvSource({
            "http://www.apache.org/licenses/LICENSE-2.0.txt, apache.org/licenses/license-2.0",
            "https://apache.org/licenses/LICENSE-2.0/, apache.org/licenses/license-2.0",
            "HTTPS://www.eclipse.org/legal/epl-v20.html, eclipse.org/legal/epl-v20",
            "http://www.opensource.org/licenses/mit-license.php, opensource.org/licenses/mit-license"})
    void normalisesUrlsAsTheyVaryInPoms(String url, String normalised) {
        assertThat(SpdxLicenses.url(url)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({"apache-2.0, Apache-2.0", "epl-2.0, EPL-2.0", "' MIT ', MIT", "Apache 2, "})
    void readsIdsInAnyCase(String given, String canonical) {
        assertThat(spdx.canonicalId(given)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({"''", "' '"})
    void mapsAnEmptyNameAndUrlToNothing(String blank) {
        assertThat(spdx.match(blank, blank).known()).isFalse();
        assertThat(spdx.match(null, null).known()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void shipsTheWholeSpdxListOfItsVersion() {
        assertThat(spdx.version()).isEqualTo("3.28.0");
        assertThat(spdx.canonicalId("0BSD")).isEqualTo("0BSD");
        assertThat(spdx.canonicalId("GPL-3.0-only")).isEqualTo("GPL-3.0-only");
        assertThat(spdx.canonicalId("ASL2")).isNull();
    }
}
