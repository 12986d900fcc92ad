package demo;

public class Stock {
    public int reserve(int onHand, int wanted) {
        return Math.min(onHand, wanted);
    }
}
