/// The Thompson-trust section of the state's canonical bytes (ensemble runs only; state version 4).
///
/// Layout: the posteriors (kind, α bits, β bits) sorted by kind, then the pending call hours oldest first
/// (hour, kinds, then per symbol in symbol order: symbol, entry close, one bool per kind).
extension ThompsonTrust {
    func encode(to writer: inout ByteWriter) {
        writer.write(array: posteriors) { w, entry in
            w.write(string: entry.kind)
            w.write(double: entry.posterior.alpha)
            w.write(double: entry.posterior.beta)
        }
        writer.write(array: pending) { w, hour in
            w.write(timestamp: hour.hourTs)
            w.write(array: hour.kinds) { $0.write(string: $1) }
            w.write(array: hour.calls) { w, call in
                w.write(string: call.symbol)
                w.write(decimal: call.entryCloseQuote)
                w.write(array: call.up) { $0.write(bool: $1) }
            }
        }
    }

    static func decode(from reader: inout ByteReader) throws(CodecError) -> ThompsonTrust {
        let posteriors = try reader.readArray { r throws(CodecError) -> KindPosterior in
            let kind = try r.readString()
            let alpha = try r.readDouble()
            let beta = try r.readDouble()
            guard alpha >= 1, beta >= 1, alpha.isFinite, beta.isFinite else {
                throw .invalidValue("trust posterior of \(kind) is below the Beta(1, 1) prior")
            }
            return KindPosterior(kind: kind, posterior: BetaPosterior(alpha: alpha, beta: beta))
        }
        let pending = try reader.readArray { r throws(CodecError) -> TrustCallHour in
            let hourTs = try r.readTimestamp()
            let kinds = try r.readArray { r throws(CodecError) in try r.readString() }
            let calls = try r.readArray { r throws(CodecError) -> TrustCallHour.Call in
                TrustCallHour.Call(
                    symbol: try r.readString(), entryCloseQuote: try r.readDecimal(),
                    up: try r.readArray { r throws(CodecError) in try r.readBool() })
            }
            guard calls.allSatisfy({ $0.up.count == kinds.count }),
                zip(calls, calls.dropFirst()).allSatisfy({ $0.symbol < $1.symbol })
            else { throw .invalidValue("trust calls of \(hourTs) have a bad shape or order") }
            return TrustCallHour(hourTs: hourTs, kinds: kinds, calls: calls)
        }
        guard zip(posteriors, posteriors.dropFirst()).allSatisfy({ $0.kind < $1.kind }),
            zip(pending, pending.dropFirst()).allSatisfy({ $0.hourTs < $1.hourTs })
        else { throw .invalidValue("trust posteriors or pending hours are not sorted") }
        return ThompsonTrust(posteriors: posteriors, pending: pending)
    }
}
