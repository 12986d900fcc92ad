package demo;

public class Banner {
    public String line(int width) {
        return "=".repeat(width);
    }
}
