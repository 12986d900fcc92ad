// Reserves four free loopback ports, for the service and its twin (server.port) and for spring-boot:start's JMX
// connection to each, and hands them to the build as -Dboot.port, -Dboot.jmxPort, -Dtwin.port and -Dtwin.jmxPort
// through test.properties.
def ports = [] as Set
while (ports.size() < 4) {
    ports << new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
}
def (boot, bootJmx, twin, twinJmx) = ports as List
new File(basedir, 'test.properties').text = "boot.port=${boot}\nboot.jmxPort=${bootJmx}\ntwin.port=${twin}\ntwin.jmxPort=${twinJmx}\n"
return true
