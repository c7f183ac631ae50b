/// The generator's pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// The sample data must be the same bytes for the same seed on every machine,
/// so this never touches the system generator, and every distribution below is
/// built from IEEE-754 `+ − × ÷` only (no `log`, `exp`, `cos` from the platform's
/// libm, whose last bits may differ between macOS and Linux).
struct SampleRandom {
    /// Substream of a group's static profile; quarter `i` uses `i + 1`.
    static let profileSubstream: UInt64 = 0
    /// Substream of a generated ward's size and effect, far from any quarter.
    static let wardSubstream: UInt64 = 0xFFFF_FFFF_0000_0001

    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for one independent stream of the seed: `stream` and
    /// `substream` (e.g. a group and a quarter) are hashed in, so that any
    /// group's numbers can be drawn without drawing those of the groups before
    /// it — which keeps generation linear and lets twins share a stream.
    init(seed: UInt64, stream: UInt64, substream: UInt64) {
        var mixer = SampleRandom.splitMix(seed)
        mixer = SampleRandom.splitMix(mixer ^ SampleRandom.splitMix(stream &+ 0x632B_E59B_D9B4_E019))
        mixer = SampleRandom.splitMix(mixer ^ SampleRandom.splitMix(substream &+ 0x8CB9_2BA7_2F3D_8DD7))
        var state = mixer
        s0 = SampleRandom.splitMixNext(&state)
        s1 = SampleRandom.splitMixNext(&state)
        s2 = SampleRandom.splitMixNext(&state)
        s3 = SampleRandom.splitMixNext(&state)
        // xoshiro's all-zero state is a fixed point; SplitMix64 output makes it
        // practically impossible, but one extra word keeps it impossible.
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// SplitMix64's finaliser: a bijective scramble of one word.
    static func splitMix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func splitMixNext(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// Approximately standard normal: the Irwin–Hall sum of 12 uniforms minus 6.
    /// Its tails stop at ±6, which suits indicators that must stay plausible.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Uniform integer in 0..<bound (bound > 0), by Lemire's multiply-shift;
    /// the tiny bias is irrelevant for sample data.
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Poisson-distributed count with mean `lambda` (inverse transform; the
    /// means used here are small, so the loop is short).
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        var probability = SampleRandom.expNegative(lambda)
        var cumulative = probability
        let u = unit()
        var k = 0
        while u > cumulative && k < 10_000 {
            k += 1
            probability *= lambda / Double(k)
            cumulative += probability
            // Past the mean, a vanished term means the rest of the tail is too.
            if probability < 1e-300 && Double(k) > lambda { break }
        }
        return k
    }

    /// Binomial count of `trials` trials with success probability `p`, by
    /// direct simulation: the generator only asks for small trial counts.
    mutating func binomial(_ trials: Int, _ p: Double) -> Int {
        var successes = 0
        for _ in 0..<max(0, trials) where unit() < p { successes += 1 }
        return successes
    }

    /// e^(−x) for x ≥ 0 from basic arithmetic alone: halve x until it is small,
    /// take a Taylor series, then square back.
    static func expNegative(_ x: Double) -> Double {
        var reduced = x
        var halvings = 0
        while reduced > 0.125 {
            reduced /= 2
            halvings += 1
        }
        var term = 1.0
        var sum = 1.0
        for n in 1...12 {
            term *= -reduced / Double(n)
            sum += term
        }
        for _ in 0..<halvings { sum *= sum }
        return sum
    }
}
