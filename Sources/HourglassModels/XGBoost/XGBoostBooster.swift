import CXGBoost

/// An XGBoost booster, owning its handle: parameters, training rounds, prediction, raw model bytes.
final class XGBoostBooster {
    let handle: BoosterHandle

    /// Silences XGBoost's console warnings once per process (they would leak to stderr).
    private static let quiet: Void = { _ = XGBSetGlobalConfig("{\"verbosity\":0}") }()

    /// A booster that will train on `matrix`.
    init(training matrix: XGBoostMatrix) throws(XGBoostError) {
        _ = Self.quiet
        var made: BoosterHandle?
        var matrices: [DMatrixHandle?] = [matrix.handle]
        try XGBoostError.check(XGBoosterCreate(&matrices, 1, &made), "XGBoosterCreate")
        guard let made else { throw XGBoostError(operation: "XGBoosterCreate", message: "no handle") }
        handle = made
    }

    /// A booster loaded from raw model bytes (`save(format:)`'s output).
    init(modelBytes: [UInt8]) throws(XGBoostError) {
        _ = Self.quiet
        var made: BoosterHandle?
        try XGBoostError.check(XGBoosterCreate(nil, 0, &made), "XGBoosterCreate")
        guard let made else { throw XGBoostError(operation: "XGBoosterCreate", message: "no handle") }
        handle = made
        let code = modelBytes.withUnsafeBytes {
            XGBoosterLoadModelFromBuffer(handle, $0.baseAddress, UInt64($0.count))
        }
        try XGBoostError.check(code, "XGBoosterLoadModelFromBuffer")
    }

    deinit { XGBoosterFree(handle) }

    /// Sets one parameter (`max_depth` = `6`).
    func set(_ name: String, _ value: String) throws(XGBoostError) {
        try XGBoostError.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name)=\(value))")
    }

    /// Runs boosting round `iteration` on `matrix`.
    func update(iteration: Int, matrix: XGBoostMatrix) throws(XGBoostError) {
        let code = XGBoosterUpdateOneIter(handle, Int32(iteration), matrix.handle)
        try XGBoostError.check(code, "XGBoosterUpdateOneIter")
    }

    /// The model's output (a probability for `binary:logistic`) for every row of `matrix`.
    func predict(_ matrix: XGBoostMatrix) throws(XGBoostError) -> [Float] {
        let config = "{\"type\":0,\"training\":false,\"iteration_begin\":0,\"iteration_end\":0,\"strict_shape\":false}"
        var shape: UnsafePointer<UInt64>?
        var dimension: UInt64 = 0
        var result: UnsafePointer<Float>?
        try XGBoostError.check(
            XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dimension, &result),
            "XGBoosterPredictFromDMatrix")
        guard let result else { throw XGBoostError(operation: "XGBoosterPredictFromDMatrix", message: "no result") }
        // The buffer belongs to the booster and is overwritten by its next call: copy it out now.
        return Array(UnsafeBufferPointer(start: result, count: matrix.rowCount))
    }

    /// The raw model (trees and learner parameters, no training-only state) as `json` or `ubj` bytes.
    func save(format: String) throws(XGBoostError) -> [UInt8] {
        var length: UInt64 = 0
        var bytes: UnsafePointer<CChar>?
        try XGBoostError.check(
            XGBoosterSaveModelToBuffer(handle, "{\"format\":\"\(format)\"}", &length, &bytes),
            "XGBoosterSaveModelToBuffer")
        guard let bytes else { throw XGBoostError(operation: "XGBoosterSaveModelToBuffer", message: "no buffer") }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }
}
